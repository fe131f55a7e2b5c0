package io.entrasync.source.rest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * List-then-detail: one follow-up request per listed record ({@link DetailSettings}), whose answer is merged into
 * the record. A problem with one record's details comes back as the reason that record is not handed on; a problem
 * that breaks the read (an unreadable body) is thrown.
 */
final class DetailRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    private final ApiSettings settings;
    private final DetailSettings detail;
    private final HttpFetcher http;
    private final Session session;

    DetailRequests(ApiSettings settings, DetailSettings detail, HttpFetcher http, Session session) {
        this.settings = settings;
        this.detail = detail;
        this.http = http;
        this.session = session;
    }

    /** Fetches the record's details into {@code values}; why the record cannot be handed on, or empty. */
    Optional<String> addTo(Map<String, String> values, String location, String externalId) {
        if (detail.skipField().isPresent() && detail.skipValue()
                .map(v -> v.equalsIgnoreCase(values.get(detail.skipField().get()))).orElse(false)) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(detail.pathTemplate());
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null || value.isBlank()) {
                return Optional.of(http.prefix(location) + "the record has no '" + placeholder.group(1) + "' to fetch "
                        + "its details with; it is not handed on. Fix the record in the HR system or the detail path "
                        + "of this source.");
            }
            placeholder.appendReplacement(path, Matcher.quoteReplacement(QueryString.encode(value)));
        }
        placeholder.appendTail(path);
        URI uri = QueryString.uri(QueryString.join(settings.baseUrl(), path.toString()), detail.query());
        return fetch(uri, values, location + " (details)", externalId);
    }

    private Optional<String> fetch(URI uri, Map<String, String> values, String what, String externalId) {
        HttpFetcher.Fetched fetched = http.get(uri, what, Set.of(404), session);
        try {
            if (fetched.status() == 404) {
                return Optional.of(http.prefix(what) + "GET " + uri + " answered 404: the record was listed but its "
                        + "details are gone; it is not handed on. If it was deleted, the next full read settles it.");
            }
            JsonNode body = JsonFlattener.at(JSON.readTree(Files.readAllBytes(fetched.body())), detail.recordPath());
            if (body == null || !body.isObject()) {
                return Optional.of(http.prefix(what) + "expected a JSON object at '" + detail.recordPath() + "', got "
                        + JsonFlattener.describe(body) + "; the record is not handed on.");
            }
            if (detail.requireSameId() && settings.idField().isPresent()) {
                Optional<String> wrongId = wrongId(body, detail.idField().orElse(settings.idField().get()),
                        externalId);
                if (wrongId.isPresent()) {
                    return Optional.of(http.prefix(what) + "GET " + uri + " answered a record whose " + wrongId.get()
                            + "; it is not handed on (the listed id cannot vouch for details that belong to nobody or "
                            + "to someone else). If this repeats, report it to the HR system's support with the "
                            + "employee id.");
                }
            }
            JsonFlattener.flattenInto(body, "", values);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of(http.prefix(what) + "the details are not valid JSON ("
                    + ApiSourceException.firstLine(http.scrub(e.getOriginalMessage()))
                    + "); the record is not handed on.");
        } catch (IOException e) {
            throw new ApiSourceException(http.prefix(what) + "cannot read the response body", e);
        } finally {
            ResponseBodies.deleteQuietly(fetched.body());
        }
    }

    /** Why the detail record's id is not the requested one, or empty when it is. */
    private static Optional<String> wrongId(JsonNode body, String idField, String requested) {
        JsonNode id = JsonFlattener.at(body, idField);
        if (id == null || id.isMissingNode()) {
            return Optional.of("'" + idField + "' is missing (requested " + idField + " '" + requested + "')");
        }
        if (id.isNull() || id.asText().isBlank()) {
            return Optional.of("'" + idField + "' is " + (id.isNull() ? "null" : "empty") + " (requested " + idField
                    + " '" + requested + "')");
        }
        if (!id.isValueNode() || !id.asText().equals(requested)) {
            return Optional.of("'" + idField + "' is " + (id.isValueNode() ? "'" + id.asText() + "'"
                    : JsonFlattener.describe(id)) + ", not the requested '" + requested + "'");
        }
        return Optional.empty();
    }
}
