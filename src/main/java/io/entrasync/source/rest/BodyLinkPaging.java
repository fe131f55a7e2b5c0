package io.entrasync.source.rest;

import java.util.Optional;

/** {@link PagingStyle#NEXT_LINK}: the body names the next page; the list ends when it names none (or ""). */
final class BodyLinkPaging implements PageTurner {

    private final String nextLinkPath;
    private final LinkFollower links;

    BodyLinkPaging(String nextLinkPath, LinkFollower links) {
        this.nextLinkPath = nextLinkPath;
        this.links = links;
    }

    @Override
    public Optional<NextPage> next(FinishedPage page) {
        return page.envelope(nextLinkPath).filter(link -> !link.isBlank()).map(link -> links.follow(page, link));
    }

    @Override
    public boolean emptyAnswerEnds() {
        return false;
    }
}
