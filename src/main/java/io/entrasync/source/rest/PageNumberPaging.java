package io.entrasync.source.rest;

import java.util.Map;
import java.util.Optional;

/**
 * {@link PagingStyle#PAGE_NUMBER} ({@code page} and {@code per_page}: UKG Pro, Gusto, Namely): the page number starts
 * at {@code first-page} and grows by one. The list ends at an empty page (or a 204), a has-more flag of {@code false},
 * or the last page an {@code X-Total-Pages} header names. A short page does not end it: a server that caps the page
 * size still numbers its pages consecutively.
 */
final class PageNumberPaging implements PageTurner {

    private final String listBase;
    private final PagingSettings paging;

    PageNumberPaging(String listBase, PagingSettings paging) {
        this.listBase = listBase;
        this.paging = paging;
    }

    @Override
    public void startAt(Map<String, String> query) {
        query.put(paging.offsetParam(), Integer.toString(paging.firstPage()));
    }

    @Override
    public Optional<NextPage> next(FinishedPage page) {
        if (page.records() == 0 || !page.hasMore(paging.hasMorePath()).orElse(true)) {
            return Optional.empty();
        }
        long number = OffsetPaging.position(page, paging.offsetParam());
        long pagesRead = number - paging.firstPage() + 1;
        boolean lastStated = StatedTotals.pages(page).flatMap(StatedTotals.Stated::number)
                .map(pages -> pagesRead >= pages).orElse(false);
        return lastStated ? Optional.empty() : Optional.of(NextPage.withParam(listBase, page.query(),
                paging.offsetParam(), Long.toString(number + 1)));
    }

    @Override
    public boolean emptyAnswerEnds() {
        return true;
    }
}
