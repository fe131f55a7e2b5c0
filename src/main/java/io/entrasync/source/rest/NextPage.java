package io.entrasync.source.rest;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request for the page after the current one.
 *
 * @param uri   where to ask
 * @param query the query this read built for it; styles that follow a server's link keep the previous one
 */
record NextPage(URI uri, Map<String, String> query) {

    NextPage {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** The list request with {@code query}, one parameter set to {@code value}. */
    static NextPage withParam(String listBase, Map<String, String> query, String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(query);
        next.put(name, value);
        return new NextPage(QueryString.uri(listBase, next), next);
    }
}
