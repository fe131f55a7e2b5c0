package io.entrasync.source.rest;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.entrasync.auth.ClientCertificate;
import io.entrasync.auth.SecretScrubber;

/**
 * Everything the generic REST connector needs to read one HR source. Presets ({@link ApiPresets}) fill these for
 * known HR systems; configuration ({@code sync.sources.<name>.api.*}) overrides any of them.
 *
 * @param sourceName  the configured source name, used in every error message
 * @param baseUrl     base URL of the API, e.g. {@code https://api4.successfactors.com/odata/v2}
 * @param path        path appended to the base URL for the list request, e.g. {@code /User}; may be empty
 * @param query       fixed query parameters of the first request, e.g. {@code $format=json}
 * @param headers     extra request headers (an {@code Accept: application/json} is always sent)
 * @param auth        how to authenticate
 * @param recordsPath dotted location of the records in a page ({@code d.results}, {@code Report_Entry}); empty
 *                    when the body itself is the array. The location may hold an array or an object whose
 *                    values are the records (BambooHR's changed list).
 * @param idField     flattened field every record must carry (e.g. {@code userId}); a record without it is
 *                    reported as malformed rather than handed on
 * @param paging      how pages follow each other
 * @param incremental how the watermark becomes a filter and how the next watermark is found
 * @param detail      an optional per-record follow-up request (BambooHR: changed ids, then each employee)
 * @param http        timeouts and retry policy
 * @param baseFilter  a clause always sent in the incremental filter parameter, combined with the delta clause and
 *                    with a filter of the configuration's own ({@code query."$filter"}) as {@code (a) and (b)}. The
 *                    SuccessFactors preset's {@code status in 't','f','T','F','e','d'} makes the OData {@code User}
 *                    entity return inactive users too (SAP KBA 2736579, 2166571)
 * @param sessionReuse send back the cookies and the {@code X-CSRF-Token} of the read's first answer on its later
 *                    requests (SAP KBA 3308165 recommends it for snapshot paging)
 * @param circuit     when a source whose API keeps failing is left alone for a while
 * @param throttling  which answers mean "slow down", and the pace that keeps a read under the vendor's rate
 * @param listRequest the list requests' method and JSON body template ({@code GET} without a body by default)
 * @param clientCertificate a client certificate for mutual TLS, presented on the token call and every API call
 */
public record ApiSettings(String sourceName, URI baseUrl, String path, Map<String, String> query,
                          Map<String, String> headers, ApiAuth auth, String recordsPath, Optional<String> idField,
                          Paging paging, Incremental incremental, Optional<Detail> detail, Http http,
                          Optional<String> baseFilter, boolean sessionReuse, Circuit circuit,
                          ApiThrottling throttling, ListRequest listRequest,
                          Optional<ClientCertificate> clientCertificate) {

    public ApiSettings {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(paging, "paging");
        Objects.requireNonNull(incremental, "incremental");
        Objects.requireNonNull(http, "http");
        path = path == null ? "" : path;
        recordsPath = recordsPath == null ? "" : recordsPath;
        query = Map.copyOf(query == null ? Map.of() : query);
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        idField = idField == null ? Optional.empty() : idField;
        detail = detail == null ? Optional.empty() : detail;
        baseFilter = baseFilter == null ? Optional.empty() : baseFilter.filter(f -> !f.isBlank());
        circuit = circuit == null ? Circuit.defaults() : circuit;
        throttling = throttling == null ? ApiThrottling.defaults() : throttling;
        listRequest = listRequest == null ? ListRequest.get() : listRequest;
        clientCertificate = clientCertificate == null ? Optional.empty() : clientCertificate;
    }

    /** Scrubs the auth's secrets and the client certificate's from text that came back from elsewhere. */
    SecretScrubber scrubber() {
        return auth.scrubber().and(clientCertificate.map(ClientCertificate::secrets).orElse(List.of()));
    }

    /**
     * @param style         the paging style
     * @param pageSize      records asked for per page; 0 sends no page-size parameter
     * @param pageSizeParam query parameter carrying the page size ({@code customPageSize}, {@code limit},
     *                      {@code count}, {@code $top}, {@code per_page})
     * @param nextLinkPath  dotted body location of the next page's URL ({@link PagingStyle#NEXT_LINK})
     * @param cursorPath    dotted body location of the next cursor ({@link PagingStyle#CURSOR})
     * @param cursorParam   query parameter that sends the cursor back
     * @param offsetParam   query parameter of the position: the offset ({@link PagingStyle#OFFSET_LIMIT},
     *                      {@code $skip}), the 1-based start index ({@link PagingStyle#START_INDEX}) or the page
     *                      number ({@link PagingStyle#PAGE_NUMBER}, {@code page})
     * @param totalPath     dotted body location of the total number of records, when the API reports one
     *                      ({@code totalResults}); a page without records is then accepted when the total is 0, and a
     *                      read that ends with another number of records fails
     * @param hasMorePath   dotted body location of a has-more flag ({@code hasMore}); a read whose last page says
     *                      {@code true} fails, and {@code false} ends offset and page-number paging
     * @param firstPage     the number of the first page ({@link PagingStyle#PAGE_NUMBER}; 1 unless the API counts
     *                      from 0)
     */
    public record Paging(PagingStyle style, int pageSize, String pageSizeParam, String nextLinkPath, String cursorPath,
                         String cursorParam, String offsetParam, Optional<String> totalPath,
                         Optional<String> hasMorePath, int firstPage) {
        public Paging {
            Objects.requireNonNull(style, "style");
            totalPath = totalPath == null ? Optional.empty() : totalPath.filter(t -> !t.isBlank());
            hasMorePath = hasMorePath == null ? Optional.empty() : hasMorePath.filter(t -> !t.isBlank());
            if (pageSize < 0) {
                throw new IllegalArgumentException("page size must be 0 or more, got " + pageSize);
            }
            if (firstPage < 0) {
                throw new IllegalArgumentException("first page must be 0 or more, got " + firstPage);
            }
        }

        public static Paging none() {
            return new Paging(PagingStyle.NONE, 0, "", "", "", "", "", Optional.empty(), Optional.empty(), 1);
        }
    }

    /**
     * @param filterParam       query parameter that carries the incremental filter ({@code $filter}, {@code since});
     *                          empty when the source cannot filter (every read is then a full read)
     * @param filterTemplate    the parameter's value, with {@code {watermark}} replaced by the formatted watermark
     * @param watermarkFormat   {@link java.time.format.DateTimeFormatter} pattern (in UTC) used for
     *                          {@code {watermark}}; empty for ISO-8601 instants ({@code 2024-05-01T10:00:00Z})
     * @param watermarkField    flattened record field whose latest value becomes the next watermark
     *                          ({@code lastModifiedDateTime}, {@code meta.lastModified})
     * @param watermarkResponseField dotted body location of a server-reported watermark (BambooHR {@code latest})
     * @param overlap           subtracted from the watermark when filtering, so changes stamped at the same instant
     *                          as the last read, or committed a little late, are read again rather than missed
     * @param initialWatermark  watermark used when none is given and the API requires a filter (BambooHR's
     *                          {@code since} is mandatory); empty reads everything without a filter
     */
    public record Incremental(String filterParam, String filterTemplate, String watermarkFormat,
                              Optional<String> watermarkField, Optional<String> watermarkResponseField,
                              Duration overlap, Optional<String> initialWatermark) {
        public Incremental {
            filterParam = filterParam == null ? "" : filterParam;
            filterTemplate = filterTemplate == null ? "{watermark}" : filterTemplate;
            watermarkFormat = watermarkFormat == null ? "" : watermarkFormat;
            watermarkField = watermarkField == null ? Optional.empty() : watermarkField;
            watermarkResponseField = watermarkResponseField == null ? Optional.empty() : watermarkResponseField;
            overlap = overlap == null ? Duration.ZERO : overlap;
            initialWatermark = initialWatermark == null ? Optional.empty() : initialWatermark;
            if (overlap.isNegative()) {
                throw new IllegalArgumentException("watermark overlap must not be negative, got " + overlap);
            }
        }

        public static Incremental none() {
            return new Incremental("", "{watermark}", "", Optional.empty(), Optional.empty(), Duration.ZERO,
                    Optional.empty());
        }
    }

    /**
     * A follow-up request per listed record whose body is merged into the record.
     *
     * @param pathTemplate path under the base URL with {@code {field}} placeholders filled from the listed record,
     *                     e.g. {@code /employees/{id}}
     * @param query        query parameters of the detail request, e.g. {@code fields=firstName,lastName}
     * @param recordPath   dotted location of the record in the detail body; empty for the body itself
     * @param skipField    with {@link #skipValue}: listed records whose field has this value get no detail request
     *                     and are handed on as listed (BambooHR: {@code action=Deleted}, whose details are gone)
     * @param requireSameId the detail answer must carry the {@link ApiSettings#idField()} with the listed record's
     *                     value; an answer whose id is missing, null or another one is a malformed record (the listed
     *                     id must not vouch for details that may belong to nobody or to someone else)
     * @param idField      the detail answer's dotted field carrying that id, when it is named otherwise than the
     *                     list's {@link ApiSettings#idField()} (UKG: {@code employeeID} listed, {@code employeeId} in
     *                     the details); empty for the same name
     */
    public record Detail(String pathTemplate, Map<String, String> query, String recordPath,
                         Optional<String> skipField, Optional<String> skipValue, boolean requireSameId,
                         Optional<String> idField) {
        public Detail {
            Objects.requireNonNull(pathTemplate, "pathTemplate");
            query = Map.copyOf(query == null ? Map.of() : query);
            recordPath = recordPath == null ? "" : recordPath;
            skipField = skipField == null ? Optional.empty() : skipField;
            skipValue = skipValue == null ? Optional.empty() : skipValue;
            idField = idField == null ? Optional.empty() : idField.filter(f -> !f.isBlank());
        }

        /** A detail request whose answer names the id as the list does. */
        public Detail(String pathTemplate, Map<String, String> query, String recordPath, Optional<String> skipField,
                      Optional<String> skipValue, boolean requireSameId) {
            this(pathTemplate, query, recordPath, skipField, skipValue, requireSameId, Optional.empty());
        }
    }

    /**
     * @param connectTimeout  TCP connect timeout
     * @param requestTimeout  time allowed for one response (headers and body)
     * @param maxAttempts     attempts per request, including the first (429, 5xx, timeouts and connection errors
     *                        are retried)
     * @param initialBackoff  wait before the first retry of a 5xx or connection error; doubled each time, with
     *                        equal jitter (between half and all of it)
     * @param maxBackoff      upper bound of that wait
     * @param maxRetryAfter   upper bound of a server's {@code Retry-After}: a longer demand waits this long and
     *                        tries again (still counted against {@code maxAttempts}), so a run is never blocked
     *                        for hours
     */
    public record Http(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                       Duration maxBackoff, Duration maxRetryAfter) {
        public Http {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
            }
        }

        public static Http defaults() {
            return new Http(Duration.ofSeconds(10), Duration.ofSeconds(60), 5, Duration.ofSeconds(1),
                    Duration.ofSeconds(30), Duration.ofMinutes(5));
        }
    }

    /**
     * A source whose HR API keeps failing is not called at every poll.
     *
     * @param failures consecutive failed reads after which the source is left alone; in one process, the same number
     *                 of reads' worth of failed requests in a row ({@code failures × max-attempts}) opens the HTTP
     *                 client's own circuit breaker
     * @param openFor  how long it is left alone; then one read is tried, and a failure leaves it alone again
     */
    public record Circuit(int failures, Duration openFor) {
        public Circuit {
            Objects.requireNonNull(openFor, "openFor");
            if (failures < 1) {
                throw new IllegalArgumentException("circuit failures must be at least 1, got " + failures);
            }
            if (openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("circuit open-for must be positive, got " + openFor);
            }
        }

        public static Circuit defaults() {
            return new Circuit(3, Duration.ofMinutes(30));
        }
    }

    public static Builder builder(String sourceName) {
        return new Builder(sourceName);
    }

    public Builder toBuilder() {
        Builder b = new Builder(sourceName);
        b.baseUrl = baseUrl;
        b.path = path;
        b.query.putAll(query);
        b.headers.putAll(headers);
        b.auth = auth;
        b.recordsPath = recordsPath;
        b.idField = idField;
        b.paging = paging;
        b.incremental = incremental;
        b.detail = detail;
        b.http = http;
        b.baseFilter = baseFilter;
        b.sessionReuse = sessionReuse;
        b.circuit = circuit;
        b.throttling = throttling;
        b.listRequest = listRequest;
        b.clientCertificate = clientCertificate;
        return b;
    }

    /** Mutable builder used by presets and by configuration overrides. */
    public static final class Builder {
        private final String sourceName;
        private URI baseUrl;
        private String path = "";
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private ApiAuth auth = new ApiAuth.None();
        private String recordsPath = "";
        private Optional<String> idField = Optional.empty();
        private Paging paging = Paging.none();
        private Incremental incremental = Incremental.none();
        private Optional<Detail> detail = Optional.empty();
        private Http http = Http.defaults();
        private Optional<String> baseFilter = Optional.empty();
        private boolean sessionReuse;
        private Circuit circuit = Circuit.defaults();
        private ApiThrottling throttling = ApiThrottling.defaults();
        private ListRequest listRequest = ListRequest.get();
        private Optional<ClientCertificate> clientCertificate = Optional.empty();
        private String idFieldRequiredBy;

        private Builder(String sourceName) {
            this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        }

        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        public Builder baseUrl(URI url) {
            this.baseUrl = url;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder query(String name, String value) {
            this.query.put(name, value);
            return this;
        }

        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        public Builder auth(ApiAuth auth) {
            this.auth = auth;
            return this;
        }

        public Builder recordsPath(String recordsPath) {
            this.recordsPath = recordsPath;
            return this;
        }

        public Builder idField(String idField) {
            this.idField = Optional.ofNullable(idField);
            return this;
        }

        public Builder paging(Paging paging) {
            this.paging = paging;
            return this;
        }

        public Builder incremental(Incremental incremental) {
            this.incremental = incremental;
            return this;
        }

        public Builder detail(Detail detail) {
            this.detail = Optional.ofNullable(detail);
            return this;
        }

        public Builder http(Http http) {
            this.http = http;
            return this;
        }

        public Builder baseFilter(String clause) {
            this.baseFilter = Optional.ofNullable(clause).filter(c -> !c.isBlank());
            return this;
        }

        public Builder sessionReuse(boolean reuse) {
            this.sessionReuse = reuse;
            return this;
        }

        public Builder circuit(Circuit circuit) {
            this.circuit = circuit;
            return this;
        }

        /** {@link #build()} fails unless an id field is set; {@code why} says who needs it and what to set. */
        Builder requireIdField(String why) {
            this.idFieldRequiredBy = why;
            return this;
        }

        public Paging paging() {
            return paging;
        }

        public Circuit circuit() {
            return circuit;
        }

        public Builder throttling(ApiThrottling throttling) {
            this.throttling = throttling;
            return this;
        }

        public ApiThrottling throttling() {
            return throttling;
        }

        /** The list requests' method and JSON body template. */
        public Builder request(String method, String bodyTemplate) {
            this.listRequest = new ListRequest(method, Optional.ofNullable(bodyTemplate));
            return this;
        }

        ListRequest listRequest() {
            return listRequest;
        }

        /** The client certificate of mutual TLS ({@code null}: none). */
        public Builder clientCertificate(ClientCertificate certificate) {
            this.clientCertificate = Optional.ofNullable(certificate);
            return this;
        }

        public Incremental incremental() {
            return incremental;
        }

        public Http http() {
            return http;
        }

        public Optional<Detail> detail() {
            return detail;
        }

        /** Whether no base URL was given yet (presets without a fixed host leave it to configuration). */
        boolean baseUrlMissing() {
            return baseUrl == null;
        }

        public ApiSettings build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("source '" + sourceName + "': the API base URL is not set");
            }
            if (idFieldRequiredBy != null && idField.filter(f -> !f.isBlank()).isEmpty()) {
                throw new IllegalArgumentException("sync.sources." + sourceName + ".api.id-field is not set: "
                        + idFieldRequiredBy);
            }
            return new ApiSettings(sourceName, baseUrl, path, query, headers, auth, recordsPath, idField, paging,
                    incremental, detail, http, baseFilter, sessionReuse, circuit, throttling, listRequest,
                    clientCertificate);
        }
    }
}
