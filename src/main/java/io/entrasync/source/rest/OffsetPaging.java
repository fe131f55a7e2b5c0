package io.entrasync.source.rest;

import java.util.Map;
import java.util.Optional;

/**
 * {@link PagingStyle#OFFSET_LIMIT} ({@code offset}/{@code limit}, ADP's {@code $skip}/{@code $top}): the offset starts
 * at 0 and moves by the records each page held, so a server that caps the page size loses nothing. The list ends at an
 * empty page (or a 204), a has-more flag of {@code false}, or when the offset reaches the stated total.
 */
final class OffsetPaging implements PageTurner {

    private final String listBase;
    private final PagingSettings paging;

    OffsetPaging(String listBase, PagingSettings paging) {
        this.listBase = listBase;
        this.paging = paging;
    }

    @Override
    public void startAt(Map<String, String> query) {
        query.put(paging.offsetParam(), "0");
    }

    @Override
    public Optional<NextPage> next(FinishedPage page) {
        if (page.records() == 0 || !page.hasMore(paging.hasMorePath()).orElse(true)) {
            return Optional.empty();
        }
        long offset = position(page, paging.offsetParam()) + page.records();
        boolean atTotal = StatedTotals.records(page, paging).flatMap(StatedTotals.Stated::number)
                .map(total -> offset >= total).orElse(false);
        return atTotal ? Optional.empty()
                : Optional.of(NextPage.withParam(listBase, page.query(), paging.offsetParam(), Long.toString(offset)));
    }

    /** The number this read put in {@code param} of the finished page's request. */
    static long position(FinishedPage page, String param) {
        return Long.parseLong(page.query().get(param));
    }

    @Override
    public boolean emptyAnswerEnds() {
        return true;
    }
}
