package io.entrasync.source.rest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.source.SourceRecord;

/**
 * One read of an HR API source: iterate the items page by page (one page body on disk, one record in memory), then
 * ask {@link #nextWatermark()}.
 *
 * <p>The watermark contract: {@link #nextWatermark()} is present only after the iteration ran to its end without an
 * error. A read that failed, or that the caller closed early, reports none, so the watermark can never move past
 * records that were not handed out. Persisting it only after the pipeline accepted every record is the caller's job.
 *
 * <pre>{@code
 * try (ApiRead read = source.read(storedWatermark)) {
 *     read.forEachRemaining(item -> ...);          // ApiItem.Read or ApiItem.Malformed
 *     read.nextWatermark().ifPresent(toPersistAfterAcceptance::set);
 * }
 * }</pre>
 */
public final class ApiRead implements Iterator<ApiItem>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApiRead.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK_HEADER = Pattern.compile("<([^>]*)>\\s*;[^,]*rel\\s*=\\s*\"?next\"?");

    private final ApiSettings settings;
    private final HttpFetcher http;
    private final Optional<Instant> startingWatermark;
    private final Instant startedAt;
    private final String listBase;
    private final Map<String, String> firstQuery;
    private final Session session;

    private URI nextPage;
    private Map<String, String> currentQuery;
    private HttpFetcher.Fetched page;
    private PageReader reader;
    private int pageNumber;
    private int recordInPage;
    private long position;
    private long offset;
    private Instant latestSeen;
    private ApiItem buffered;
    private boolean completed;
    private boolean failed;
    private boolean closed;

    ApiRead(ApiSettings settings, HttpFetcher http, Optional<Instant> startingWatermark, Instant startedAt) {
        this.settings = settings;
        this.http = http;
        this.startingWatermark = startingWatermark;
        this.startedAt = startedAt;
        this.listBase = QueryString.join(settings.baseUrl(), settings.path());
        this.session = Session.forRead(settings);
        this.firstQuery = firstQuery();
        this.currentQuery = firstQuery;
        this.nextPage = QueryString.uri(listBase, firstQuery);
    }

    private Map<String, String> firstQuery() {
        Map<String, String> query = new LinkedHashMap<>(settings.query());
        ApiSettings.Paging paging = settings.paging();
        if (paging.pageSize() > 0 && !paging.pageSizeParam().isEmpty()) {
            query.put(paging.pageSizeParam(), Integer.toString(paging.pageSize()));
        }
        if (paging.style() == PagingStyle.OFFSET_LIMIT) {
            offset = 0;
            query.put(paging.offsetParam(), "0");
        } else if (paging.style() == PagingStyle.START_INDEX) {
            offset = 1;
            query.put(paging.offsetParam(), "1");
        }
        ApiSettings.Incremental incremental = settings.incremental();
        if (!incremental.filterParam().isEmpty()) {
            Optional<Instant> since = startingWatermark.map(w -> w.minus(incremental.overlap()))
                    .or(() -> incremental.initialWatermark().map(RestSource::parseWatermark));
            List<String> clauses = new ArrayList<>();
            settings.baseFilter().ifPresent(clauses::add);
            Optional.ofNullable(query.remove(incremental.filterParam())).filter(f -> !f.isBlank())
                    .ifPresent(clauses::add);
            since.ifPresent(instant -> clauses.add(incremental.filterTemplate()
                    .replace("{watermark}", Timestamps.format(instant, incremental.watermarkFormat()))));
            if (!clauses.isEmpty()) {
                query.put(incremental.filterParam(), combine(clauses));
            }
        }
        return query;
    }

    /**
     * Clauses that must all hold, each in parentheses so that an {@code or} inside one cannot reach the others
     * (SAP KBA 3575859: an {@code or} next to the status clause changes which users the User entity returns).
     */
    static String combine(List<String> clauses) {
        if (clauses.size() == 1) {
            return clauses.get(0);
        }
        return clauses.stream().map(c -> "(" + c.trim() + ")").collect(Collectors.joining(" and "));
    }

    @Override
    public boolean hasNext() {
        if (buffered != null) {
            return true;
        }
        if (completed || failed || closed) {
            return false;
        }
        try {
            while (true) {
                if (reader == null) {
                    if (nextPage == null) {
                        completed = true;
                        LOG.infof("source '%s': read %d entries from %d page(s)", settings.sourceName(), position,
                                pageNumber);
                        return false;
                    }
                    openPage(nextPage);
                }
                Optional<JsonNode> node = readRecord();
                if (node.isPresent()) {
                    recordInPage++;
                    position++;
                    buffered = toItem(node.get());
                    return true;
                }
                finishPage();
            }
        } catch (RuntimeException e) {
            failed = true;
            release();
            throw e;
        }
    }

    @Override
    public ApiItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException("source '" + settings.sourceName() + "': no more records");
        }
        ApiItem item = buffered;
        buffered = null;
        return item;
    }

    /** The items as a sequential stream; closing the stream closes this read. */
    public Stream<ApiItem> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /**
     * The watermark to persist once every item of this read has been accepted: an ISO-8601 instant. Empty while the
     * read has not reached its end, after it failed or was closed early, and when a source without a usable
     * watermark returned nothing (keep the stored one).
     */
    public Optional<String> nextWatermark() {
        if (!completed || failed) {
            return Optional.empty();
        }
        ApiSettings.Incremental incremental = settings.incremental();
        boolean fromData = incremental.watermarkField().isPresent() || incremental.watermarkResponseField().isPresent();
        Optional<Instant> next = fromData
                ? Stream.of(Optional.ofNullable(latestSeen), startingWatermark).flatMap(Optional::stream)
                        .max(Instant::compareTo)
                : Optional.of(startedAt);
        return next.map(Instant::toString);
    }

    /** Number of pages fetched so far. */
    public int pages() {
        return pageNumber;
    }

    public boolean completed() {
        return completed && !failed;
    }

    @Override
    public void close() {
        closed = true;
        release();
    }

    private void openPage(URI uri) {
        pageNumber++;
        recordInPage = 0;
        page = http.get(uri, "page " + pageNumber, Set.of(), session);
        try {
            reader = new PageReader(page.body(), settings.recordsPath());
        } catch (IOException e) {
            throw new ApiSourceException(http.prefix("page " + pageNumber) + "cannot read the response body", e);
        }
    }

    private Optional<JsonNode> readRecord() {
        try {
            return reader.next();
        } catch (IOException e) {
            // A syntax error breaks the rest of the page: the parser cannot find where the next record starts.
            throw new ApiSourceException(http.prefix("page " + pageNumber) + "the response is not valid JSON at "
                    + reader.position() + " (after record " + recordInPage + "): " + firstLine(e.getMessage())
                    + ". The records before it were handed on; the run stops without advancing the watermark. "
                    + "If this repeats, the HR API is returning a broken page: contact its administrator.", e);
        }
    }

    private ApiItem toItem(JsonNode node) {
        String location = "page " + pageNumber + ", record " + recordInPage;
        if (!node.isObject()) {
            return new ApiItem.Malformed(position, location, "", http.prefix(location) + "expected a JSON object, got "
                    + describe(node) + ". The HR system returned a broken entry; the other records go on. "
                    + "Ask the HR system's administrator to check this entry.");
        }
        Map<String, String> values = JsonFlattener.flatten(node);
        String externalId = settings.idField().map(values::get).orElse("");
        if (settings.detail().isPresent()) {
            Optional<ApiItem.Malformed> detailProblem = addDetails(settings.detail().get(), values, location,
                    externalId == null ? "" : externalId);
            if (detailProblem.isPresent()) {
                return detailProblem.get();
            }
        }
        if (settings.idField().isPresent()) {
            String id = values.get(settings.idField().get());
            if (id == null || id.isBlank()) {
                return new ApiItem.Malformed(position, location, "", http.prefix(location) + "the record has no '"
                        + settings.idField().get() + "' (the field that identifies a person); it is not handed on. "
                        + "Fix the record in the HR system, or correct id-field of this source.");
            }
        }
        settings.incremental().watermarkField()
                .map(values::get)
                .flatMap(Timestamps::parse)
                .ifPresent(this::see);
        return new ApiItem.Read(new SourceRecord(position, location, Collections.unmodifiableMap(values)));
    }

    /**
     * Fetches the record's details and merges them into {@code values}; a problem with this record only is returned.
     */
    private Optional<ApiItem.Malformed> addDetails(ApiSettings.Detail detail, Map<String, String> values,
                                                   String location, String externalId) {
        if (detail.skipField().isPresent()
                && detail.skipValue().map(v -> v.equalsIgnoreCase(values.get(detail.skipField().get())))
                .orElse(false)) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        Matcher placeholder = Pattern.compile("\\{([^}]+)}").matcher(detail.pathTemplate());
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null || value.isBlank()) {
                return Optional.of(new ApiItem.Malformed(position, location, externalId, http.prefix(location)
                        + "the record has no '" + placeholder.group(1) + "' to fetch its details with; it is not "
                        + "handed on. Fix the record in the HR system or the detail path of this source."));
            }
            placeholder.appendReplacement(path, Matcher.quoteReplacement(QueryString.encode(value)));
        }
        placeholder.appendTail(path);
        URI uri = QueryString.uri(QueryString.join(settings.baseUrl(), path.toString()), detail.query());
        String what = location + " (details)";
        HttpFetcher.Fetched fetched = http.get(uri, what, Set.of(404), session);
        try {
            if (fetched.status() == 404) {
                return Optional.of(new ApiItem.Malformed(position, location, externalId, http.prefix(what)
                        + "GET " + uri + " answered 404: the record was listed as changed but its details are "
                        + "gone; it is not handed on. If it was deleted, the next full read settles it."));
            }
            JsonNode body = JsonFlattener.at(JSON.readTree(Files.readAllBytes(fetched.body())), detail.recordPath());
            if (body == null || !body.isObject()) {
                return Optional.of(new ApiItem.Malformed(position, location, externalId, http.prefix(what)
                        + "expected a JSON object at '" + detail.recordPath() + "', got " + describe(body)
                        + "; the record is not handed on."));
            }
            if (detail.requireSameId() && settings.idField().isPresent()) {
                Optional<String> wrongId = wrongId(body, settings.idField().get(), externalId);
                if (wrongId.isPresent()) {
                    return Optional.of(new ApiItem.Malformed(position, location, externalId, http.prefix(what)
                            + "GET " + uri + " answered a record whose " + wrongId.get() + "; it is not handed on "
                            + "(the listed id cannot vouch for details that belong to nobody or to someone else). "
                            + "If this repeats, report it to the HR system's support with the employee id."));
                }
            }
            JsonFlattener.flattenInto(body, "", values);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of(new ApiItem.Malformed(position, location, externalId, http.prefix(what)
                    + "the details are not valid JSON (" + firstLine(e.getOriginalMessage())
                    + "); the record is not handed on."));
        } catch (IOException e) {
            throw new ApiSourceException(http.prefix(what) + "cannot read the response body", e);
        } finally {
            HttpFetcher.deleteQuietly(fetched.body());
        }
    }

    /** Why the detail record's id is not the requested one, or empty when it is. */
    private static Optional<String> wrongId(JsonNode body, String idField, String requested) {
        JsonNode id = body.get(idField);
        if (id == null || id.isMissingNode()) {
            return Optional.of("'" + idField + "' is missing (requested " + idField + " '" + requested + "')");
        }
        if (id.isNull() || id.asText().isBlank()) {
            return Optional.of("'" + idField + "' is " + (id.isNull() ? "null" : "empty") + " (requested " + idField
                    + " '" + requested + "')");
        }
        if (!id.isValueNode() || !id.asText().equals(requested)) {
            return Optional.of("'" + idField + "' is " + (id.isValueNode() ? "'" + id.asText() + "'" : describe(id))
                    + ", not the requested '" + requested + "'");
        }
        return Optional.empty();
    }

    private void finishPage() {
        ApiSettings.Paging paging = settings.paging();
        String what = "page " + pageNumber;
        if (!reader.recordsFound() && !reportsNoRecords()) {
            throw new ApiSourceException(http.prefix(what) + "the response has no records at '"
                    + settings.recordsPath() + "'. Check records-path of this source (the body started with: "
                    + HttpFetcher.errorBody(page.body()) + ").");
        }
        settings.incremental().watermarkResponseField()
                .flatMap(reader::envelope)
                .flatMap(Timestamps::parse)
                .ifPresent(this::see);
        URI current = page.uri();
        nextPage = switch (paging.style()) {
            case NONE -> null;
            case NEXT_LINK -> reader.envelope(paging.nextLinkPath()).filter(s -> !s.isBlank())
                    .map(link -> followLink(current, link, what)).orElse(null);
            case LINK_HEADER -> page.headers().allValues("Link").stream()
                    .map(NEXT_LINK_HEADER::matcher).filter(Matcher::find).findFirst()
                    .map(m -> followLink(current, m.group(1), what)).orElse(null);
            case CURSOR -> reader.envelope(paging.cursorPath()).filter(s -> !s.isBlank())
                    .map(cursor -> withParam(paging.cursorParam(), cursor)).orElse(null);
            case OFFSET_LIMIT -> recordInPage == 0 ? null : withParam(paging.offsetParam(),
                    Long.toString(offset += recordInPage));
            case START_INDEX -> recordInPage == 0 || beyondTotal(offset + recordInPage) ? null
                    : withParam(paging.offsetParam(), Long.toString(offset += recordInPage));
        };
        LOG.debugf("source '%s': page %d had %d entries", settings.sourceName(), pageNumber, recordInPage);
        release();
    }

    private boolean reportsNoRecords() {
        return settings.paging().totalPath().flatMap(reader::envelope).map("0"::equals).orElse(false);
    }

    private boolean beyondTotal(long nextStart) {
        return settings.paging().totalPath().flatMap(reader::envelope).map(total -> {
            try {
                return nextStart > Long.parseLong(total);
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }

    private URI followLink(URI current, String link, String what) {
        URI next;
        try {
            next = current.resolve(link.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiSourceException(http.prefix(what) + "the next-page link '" + link + "' is not a URL; "
                    + "stopping. Check next-link-path of this source.", e);
        }
        http.requireConfiguredOrigin(next, what, "the next-page link");
        if (next.equals(current)) {
            throw new ApiSourceException(http.prefix(what) + "the next-page link points at the same page (" + next
                    + "); stopping rather than looping. Check next-link-path of this source.");
        }
        return next;
    }

    private URI withParam(String name, String value) {
        Map<String, String> query = new LinkedHashMap<>(currentQuery);
        query.put(name, value);
        currentQuery = query;
        return QueryString.uri(listBase, query);
    }

    private void see(Instant instant) {
        if (latestSeen == null || instant.isAfter(latestSeen)) {
            latestSeen = instant;
        }
    }

    private void release() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // closing a file parser
            }
            reader = null;
        }
        if (page != null) {
            HttpFetcher.deleteQuietly(page.body());
            page = null;
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
