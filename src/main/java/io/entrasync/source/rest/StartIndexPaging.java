package io.entrasync.source.rest;

import java.util.Map;
import java.util.Optional;

/**
 * {@link PagingStyle#START_INDEX}, SCIM 2.0 (RFC 7644 section 3.4.2.4): a 1-based {@code startIndex} that moves by the
 * records each page held. The list ends at an empty page or when the next index is beyond {@code totalResults}.
 */
final class StartIndexPaging implements PageTurner {

    private final String listBase;
    private final PagingSettings paging;

    StartIndexPaging(String listBase, PagingSettings paging) {
        this.listBase = listBase;
        this.paging = paging;
    }

    @Override
    public void startAt(Map<String, String> query) {
        query.put(paging.offsetParam(), "1");
    }

    @Override
    public Optional<NextPage> next(FinishedPage page) {
        if (page.records() == 0) {
            return Optional.empty();
        }
        long nextStart = OffsetPaging.position(page, paging.offsetParam()) + page.records();
        boolean beyondTotal = StatedTotals.records(page, paging).flatMap(StatedTotals.Stated::number)
                .map(total -> nextStart > total).orElse(false);
        return beyondTotal ? Optional.empty() : Optional.of(NextPage.withParam(listBase, page.query(),
                paging.offsetParam(), Long.toString(nextStart)));
    }

    @Override
    public boolean emptyAnswerEnds() {
        return true;
    }
}
