package io.entrasync.source.rest;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.source.SourceRecord;
import io.entrasync.source.SourceRow;

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
 *     read.forEachRemaining(item -> ...);          // SourceRow.Parsed or SourceRow.Malformed
 *     read.nextWatermark().ifPresent(toPersistAfterAcceptance::set);
 * }
 * }</pre>
 */
public final class ApiRead implements Iterator<SourceRow>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApiRead.class);

    private final ApiSettings settings;
    private final HttpFetcher http;
    private final Optional<Instant> startingWatermark;
    private final Instant startedAt;
    private final Session session;
    private final Optional<DetailRequests> details;
    private final String listBase;
    private final ReadWindows windows;
    private final Optional<SortedStop> sortedStop;

    private PageTurner turner;
    private ReadCompleteness completeness;

    private NextPage nextPage;
    private Map<String, String> pageQuery;
    private HttpFetcher.Fetched page;
    private PageReader reader;
    private int pageNumber;
    private int recordInPage;
    private long position;
    private Instant latestSeen;
    private SourceRow buffered;
    private boolean stoppedAtWatermark;
    private boolean completed;
    private boolean failed;
    private boolean closed;

    ApiRead(ApiSettings settings, HttpFetcher http, Optional<Instant> startingWatermark, Instant startedAt) {
        this.settings = settings;
        this.http = http;
        this.startingWatermark = startingWatermark;
        this.startedAt = startedAt;
        this.session = Session.forRead(settings);
        this.listBase = QueryString.join(settings.baseUrl(), settings.path());
        this.details = settings.detail().map(detail -> new DetailRequests(settings, detail, http, session));
        this.sortedStop = settings.incremental().stopAtWatermark()
                ? Optional.of(new SortedStop(settings.incremental(), startingWatermark, http)) : Optional.empty();
        this.windows = new ReadWindows(ListQuery.firstOfEachWindow(settings, startingWatermark, startedAt));
        startWindow(windows.next());
    }

    /** Starts the list of one changed-since window (or the whole list): its own paging and completeness proof. */
    private void startWindow(Map<String, String> query) {
        turner = PageTurner.of(settings, listBase, http);
        completeness = new ReadCompleteness(settings.paging(), http);
        turner.startAt(query);
        nextPage = new NextPage(QueryString.uri(listBase, query), query);
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
                        completeness.verifyEnd();
                        if (windows.hasNext()) {
                            startWindow(windows.next());
                            continue;
                        }
                        completed = true;
                        LOG.infof("source '%s': read %d entries from %d page(s)", settings.sourceName(), position,
                                pageNumber);
                        return false;
                    }
                    openPage(nextPage);
                    continue;
                }
                Optional<JsonNode> node = readRecord();
                if (node.isPresent()) {
                    recordInPage++;
                    position++;
                    completeness.entry(node.get());
                    buffered = toItem(node.get());
                    if (buffered != null) {
                        return true;
                    }
                    position--; // a repeat from an earlier window, or the record that ended a sorted read
                    if (stoppedAtWatermark) {
                        return finishAtWatermark();
                    }
                    continue;
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
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("source '" + settings.sourceName() + "': no more records");
        }
        SourceRow item = buffered;
        buffered = null;
        return item;
    }

    /** The items as a sequential stream; closing the stream closes this read. */
    public Stream<SourceRow> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /**
     * The watermark to persist once every item of this read has been accepted: an ISO-8601 instant. Empty while the
     * read has not reached its end, after it failed or was closed early, and when a source without a usable
     * watermark returned nothing (keep the stored one). With a changed-since window it is the window's end, the
     * instant the read started.
     */
    public Optional<String> nextWatermark() {
        if (!completed || failed) {
            return Optional.empty();
        }
        IncrementalSettings incremental = settings.incremental();
        boolean fromData = incremental.window().isEmpty()
                && (incremental.watermarkField().isPresent() || incremental.watermarkResponseField().isPresent());
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

    /** Whether the read reached its end and proved it complete ({@link ReadCompleteness}). */
    public boolean completed() {
        return completed && !failed;
    }

    @Override
    public void close() {
        closed = true;
        release();
    }

    /** Fetches the page; an empty answer that ends the list (see {@link #emptyAnswer}) leaves no reader open. */
    private void openPage(NextPage request) {
        pageNumber++;
        recordInPage = 0;
        pageQuery = request.query();
        nextPage = null;
        page = http.fetch(settings.listRequest().prepare(request, listBase), "page " + pageNumber, Set.of(), session);
        if (emptyAnswer(page)) {
            release();
            return;
        }
        try {
            reader = new PageReader(page.body(), settings.recordsPath());
        } catch (IOException e) {
            throw new ApiSourceException(http.prefix("page " + pageNumber) + "cannot read the response body", e);
        }
    }

    /**
     * Whether {@code fetched} is an empty answer that ends the list: a 204 to the first request (no records at all),
     * or a 204 or an empty body to a later one where the paging style counts pages itself (ADP ends its list so).
     * Anywhere else an empty answer fails the read: a page that was promised did not come.
     */
    private boolean emptyAnswer(HttpFetcher.Fetched fetched) {
        boolean noContent = fetched.status() == 204;
        if (!noContent && !ResponseBodies.blank(fetched.body())) {
            return false;
        }
        if ((noContent && pageNumber == 1) || (pageNumber > 1 && turner.emptyAnswerEnds())) {
            LOG.debugf("source '%s': page %d answered %s: the end of the list", settings.sourceName(), pageNumber,
                    noContent ? "HTTP 204" : "an empty body");
            return true;
        }
        throw new ApiSourceException(http.prefix("page " + pageNumber) + "GET " + http.scrub(fetched.uri().toString())
                + " answered " + (noContent ? "HTTP 204 (no content)" : "HTTP " + fetched.status() + " with an empty "
                + "body") + (pageNumber == 1 ? " to the first request" : ", but the previous page named this one")
                + ", so the read cannot tell whether records are missing. It stops without advancing the watermark, "
                + "and nobody is disabled as a leaver. If the HR API ends its list this way, check paging.style of "
                + "this source (docs/hr-api-sources.md, \"Stop rules\").");
    }

    private Optional<JsonNode> readRecord() {
        try {
            return reader.next();
        } catch (IOException e) {
            // A syntax error breaks the rest of the page: the parser cannot find where the next record starts.
            throw new ApiSourceException(http.prefix("page " + pageNumber) + "the response is not valid JSON at "
                    + reader.position() + " (after record " + recordInPage + "): "
                    + ApiSourceException.firstLine(http.scrub(e.getMessage()))
                    + ". The records before it were handed on; the run stops without advancing the watermark. "
                    + "If this repeats, the HR API is returning a broken page: contact its administrator.", e);
        }
    }

    private SourceRow toItem(JsonNode node) {
        String location = "page " + pageNumber + ", record " + recordInPage;
        if (!node.isObject()) {
            return new SourceRow.Malformed(position, location, http.prefix(location) + "expected a JSON object, got "
                    + JsonFlattener.describe(node) + ". The HR system returned a broken entry; the other records go "
                    + "on. Ask the HR system's administrator to check this entry.", Map.of());
        }
        Map<String, String> values = JsonFlattener.flatten(node);
        String externalId = settings.idField().map(values::get).orElse("");
        if (sortedStop.isPresent() && sortedStop.get().reached(values, location)) {
            stoppedAtWatermark = true;
            return null;
        }
        if (windows.listedEarlier(externalId)) {
            LOG.debugf("source '%s': %s was listed by an earlier window, handed on once", settings.sourceName(),
                    externalId);
            return null;
        }
        if (details.isPresent()) {
            Optional<String> problem = details.get().addTo(values, location, externalId);
            if (problem.isPresent()) {
                return new SourceRow.Malformed(position, location, problem.get(), idOnly(externalId));
            }
        }
        if (settings.idField().isPresent()) {
            String id = values.get(settings.idField().get());
            if (id == null || id.isBlank()) {
                return new SourceRow.Malformed(position, location, http.prefix(location) + "the record has no '"
                        + settings.idField().get() + "' (the field that identifies a person); it is not handed on. "
                        + "Fix the record in the HR system, or correct id-field of this source.", Map.of());
            }
        }
        settings.incremental().watermarkField()
                .map(values::get)
                .flatMap(text -> Timestamps.parse(text, settings.incremental().watermarkFormat()))
                .ifPresent(this::see);
        return new SourceRow.Parsed(new SourceRecord(position, location, Collections.unmodifiableMap(values)));
    }

    /** The sorted list reached a record older than the watermark: the read is complete by the sort-then-stop rule. */
    private boolean finishAtWatermark() {
        completed = true;
        LOG.infof("source '%s': read %d entries from %d page(s), stopping at the first record older than the "
                + "watermark (sort-then-stop)", settings.sourceName(), position, pageNumber);
        release();
        return false;
    }

    private void finishPage() {
        String what = "page " + pageNumber;
        if (!reader.recordsFound() && !reportsNoRecords()) {
            throw new ApiSourceException(http.prefix(what) + "the response has no records at '"
                    + settings.recordsPath() + "'. Check records-path of this source (the body started with: "
                    + ResponseBodies.errorBody(page.body()) + ").");
        }
        settings.incremental().watermarkResponseField()
                .flatMap(reader::envelope)
                .flatMap(text -> Timestamps.parse(text, settings.incremental().watermarkFormat()))
                .ifPresent(this::see);
        FinishedPage finished = new FinishedPage(pageNumber, page.uri(), pageQuery, recordInPage, page.headers(),
                reader);
        completeness.pageRead(finished);
        nextPage = turner.next(finished).orElse(null);
        LOG.debugf("source '%s': page %d had %d entries", settings.sourceName(), pageNumber, recordInPage);
        release();
    }

    private boolean reportsNoRecords() {
        return settings.paging().totalPath().flatMap(reader::envelope).map("0"::equals).orElse(false);
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
            ResponseBodies.deleteQuietly(page.body());
            page = null;
        }
    }

    /** A malformed entry's known values: its id under the id field, so the report can name it; nothing else. */
    private Map<String, String> idOnly(String externalId) {
        return settings.idField().isPresent() && !externalId.isEmpty()
                ? Map.of(settings.idField().get(), externalId) : Map.of();
    }

}
