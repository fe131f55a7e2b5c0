package io.entrasync.source.rest;

import java.util.Optional;

/**
 * What a page states about the whole list: the number of records (a body field at {@code total-path}, else an
 * {@code X-Total-Count} header) and the number of pages ({@code X-Total-Pages}, Gusto:
 * https://docs.gusto.com/app-integrations/docs/pagination). The texts are as sent; {@link ReadCompleteness} fails a
 * read whose stated total is not a number.
 */
final class StatedTotals {

    static final String TOTAL_COUNT_HEADER = "X-Total-Count";
    static final String TOTAL_PAGES_HEADER = "X-Total-Pages";

    private StatedTotals() {
    }

    /** The stated number of records and where it was read, e.g. {@code "totalResults"} or the header name. */
    static Optional<Stated> records(FinishedPage page, PagingSettings paging) {
        Optional<Stated> body = paging.totalPath()
                .flatMap(path -> page.envelope(path).map(text -> new Stated(text, "the body field '" + path + "'")));
        return body.or(() -> header(page, TOTAL_COUNT_HEADER));
    }

    static Optional<Stated> pages(FinishedPage page) {
        return header(page, TOTAL_PAGES_HEADER);
    }

    private static Optional<Stated> header(FinishedPage page, String name) {
        return page.headers().firstValue(name).filter(v -> !v.isBlank())
                .map(text -> new Stated(text, "the " + name + " header"));
    }

    /**
     * A number as the API stated it.
     *
     * @param text  the text sent
     * @param where where it was read, for messages
     */
    record Stated(String text, String where) {
        /** The number, or empty when the text is not a whole number (the completeness check reports that). */
        Optional<Long> number() {
            try {
                return Optional.of(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
