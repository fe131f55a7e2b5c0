package io.entrasync.source.rest;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/**
 * A page whose records have all been read: what a paging style and the completeness check may look at.
 *
 * @param number  1-based number of the request in this read
 * @param uri     the address that answered
 * @param query   the query this read built for it (the styles that count pages change one parameter of it)
 * @param records entries the page held
 * @param headers the response headers
 * @param reader  the page's envelope (scalars outside the records)
 */
record FinishedPage(int number, URI uri, Map<String, String> query, int records, HttpHeaders headers,
                    PageReader reader) {

    Optional<String> envelope(String dottedPath) {
        return reader.envelope(dottedPath);
    }

    /** The page's has-more flag at {@code path}, when the body carries one. */
    Optional<Boolean> hasMore(Optional<String> path) {
        return path.flatMap(reader::envelope).map(flag -> flag.trim().equalsIgnoreCase("true"));
    }

    /** For error messages: {@code "page 3"}. */
    String what() {
        return "page " + number;
    }
}
