package io.entrasync.source.rest;

import java.net.URI;
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
                          PagingSettings paging, IncrementalSettings incremental, Optional<DetailSettings> detail,
                          HttpSettings http, Optional<String> baseFilter, boolean sessionReuse, CircuitSettings circuit,
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
        circuit = circuit == null ? CircuitSettings.defaults() : circuit;
        throttling = throttling == null ? ApiThrottling.defaults() : throttling;
        listRequest = listRequest == null ? ListRequest.get() : listRequest;
        clientCertificate = clientCertificate == null ? Optional.empty() : clientCertificate;
    }

    /** Scrubs the auth's secrets and the client certificate's from text that came back from elsewhere. */
    SecretScrubber scrubber() {
        return auth.scrubber().and(clientCertificate.map(ClientCertificate::secrets).orElse(List.of()));
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
        private PagingSettings paging = PagingSettings.none();
        private IncrementalSettings incremental = IncrementalSettings.none();
        private Optional<DetailSettings> detail = Optional.empty();
        private HttpSettings http = HttpSettings.defaults();
        private Optional<String> baseFilter = Optional.empty();
        private boolean sessionReuse;
        private CircuitSettings circuit = CircuitSettings.defaults();
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

        public Builder paging(PagingSettings paging) {
            this.paging = paging;
            return this;
        }

        public Builder incremental(IncrementalSettings incremental) {
            this.incremental = incremental;
            return this;
        }

        public Builder detail(DetailSettings detail) {
            this.detail = Optional.ofNullable(detail);
            return this;
        }

        public Builder http(HttpSettings http) {
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

        public Builder circuit(CircuitSettings circuit) {
            this.circuit = circuit;
            return this;
        }

        /** {@link #build()} fails unless an id field is set; {@code why} says who needs it and what to set. */
        Builder requireIdField(String why) {
            this.idFieldRequiredBy = why;
            return this;
        }

        public PagingSettings paging() {
            return paging;
        }

        public CircuitSettings circuit() {
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

        public IncrementalSettings incremental() {
            return incremental;
        }

        public HttpSettings http() {
            return http;
        }

        public Optional<DetailSettings> detail() {
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
