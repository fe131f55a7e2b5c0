package io.entrasync.source.rest;

import java.util.Optional;

/** {@link PagingStyle#NONE}: one answer holds the whole list. */
final class SinglePage implements PageTurner {

    @Override
    public Optional<NextPage> next(FinishedPage page) {
        return Optional.empty();
    }

    @Override
    public boolean emptyAnswerEnds() {
        return false;
    }
}
