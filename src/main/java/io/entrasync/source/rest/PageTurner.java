package io.entrasync.source.rest;

import java.util.Map;
import java.util.Optional;

/**
 * One paging style: which parameters the first request carries, which page follows a finished one, and the style's
 * stop rule. The completeness of the whole read (stated totals, has-more flags, repeated pages) is checked apart, by
 * {@link ReadCompleteness}, whatever the style.
 */
interface PageTurner {

    /** Adds the style's parameters of the first page to the list request's query. */
    default void startAt(Map<String, String> query) {
    }

    /** The page after {@code page}, or empty when this style's stop rule says the list has ended. */
    Optional<NextPage> next(FinishedPage page);

    /**
     * Whether an empty answer (HTTP 204, or a 2xx without a body) to a later page is this style's end of the list.
     * True where the client counts the pages itself (ADP ends {@code $top}/{@code $skip} with a 204); false where the
     * server named the next page and so promised one.
     */
    boolean emptyAnswerEnds();

    /** The turner of {@code settings}' paging style. */
    static PageTurner of(ApiSettings settings, String listBase, HttpFetcher http) {
        PagingSettings paging = settings.paging();
        return switch (paging.style()) {
            case NONE -> new SinglePage();
            case NEXT_LINK -> new BodyLinkPaging(paging.nextLinkPath(),
                    new LinkFollower(http, "paging.next-link-path"));
            case LINK_HEADER -> new HeaderLinkPaging(new LinkFollower(http, "paging.style"));
            case CURSOR -> new CursorPaging(listBase, paging.cursorPath(), paging.cursorParam());
            case OFFSET_LIMIT -> new OffsetPaging(listBase, paging);
            case START_INDEX -> new StartIndexPaging(listBase, paging);
            case PAGE_NUMBER -> new PageNumberPaging(listBase, paging);
        };
    }
}
