package io.entrasync.source.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The method and optional JSON body of the list requests. A body template takes any value the read builds as a query
 * parameter — paging, page size, the changed-since filter — by naming it in braces: {@code {"offset": {offset},
 * "filter": "{updatedSince}"}}. A value so used goes into the body (JSON-escaped) and leaves the URL; the others stay
 * in the URL. HiBob's people search is {@code POST /v1/people/search} with a JSON body (apidocs.hibob.com).
 *
 * @param method       {@code GET} (default) or {@code POST}, …
 * @param bodyTemplate the JSON body, with {@code {param}} placeholders; empty sends no body
 */
public record ListRequest(String method, Optional<String> bodyTemplate) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_$.\\-]+)}");

    public ListRequest {
        method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        bodyTemplate = bodyTemplate == null ? Optional.empty() : bodyTemplate.filter(b -> !b.isBlank());
    }

    static ListRequest get() {
        return new ListRequest("GET", Optional.empty());
    }

    /**
     * One page's request.
     *
     * @param uri    where to send it
     * @param method the HTTP method
     * @param body   the JSON body, if any
     */
    record Prepared(URI uri, String method, Optional<String> body) {
    }

    /** The request for {@code page}; its URI is rebuilt without the values the body took when this read built it. */
    Prepared prepare(NextPage page, String listBase) {
        if (bodyTemplate.isEmpty()) {
            return new Prepared(page.uri(), method, Optional.empty());
        }
        Map<String, String> urlQuery = new LinkedHashMap<>(page.query());
        StringBuilder body = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(bodyTemplate.get());
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = page.query().get(name);
            if (value == null) {
                placeholder.appendReplacement(body, Matcher.quoteReplacement(placeholder.group()));
                continue;
            }
            urlQuery.remove(name);
            placeholder.appendReplacement(body, Matcher.quoteReplacement(jsonEscape(value)));
        }
        placeholder.appendTail(body);
        boolean builtHere = Objects.equals(page.uri(), QueryString.uri(listBase, page.query()));
        URI uri = builtHere ? QueryString.uri(listBase, urlQuery) : page.uri();
        return new Prepared(uri, method, Optional.of(body.toString()));
    }

    /** {@code value} as the inside of a JSON string: a number stays a number where the template has no quotes. */
    static String jsonEscape(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
