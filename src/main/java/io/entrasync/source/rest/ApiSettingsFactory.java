package io.entrasync.source.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.entrasync.auth.ClientCertificate;
import io.entrasync.auth.ClientCertificates;
import io.entrasync.config.ApiSourceConfig;

/**
 * Turns {@code sync.sources.<name>.api.*} into {@link ApiSettings}: the preset first, then every configured key on
 * top. Fails at start-up naming the missing or wrong key.
 */
final class ApiSettingsFactory {

    private ApiSettingsFactory() {
    }

    public static ApiSettings fromConfig(String sourceName, ApiSourceConfig config) {
        String key = "sync.sources." + sourceName + ".api.";
        ApiSettings.Builder b = config.preset().map(p -> ApiPresets.builder(p, sourceName))
                .orElseGet(() -> ApiSettings.builder(sourceName));
        boolean bamboo = config.preset().map(p -> p.trim().equalsIgnoreCase(ApiPresets.BAMBOOHR)).orElse(false);
        config.baseUrl().map(url -> uri(url, key + "base-url"))
                .map(url -> bamboo ? ApiPresets.bambooHrBaseUrl(url) : url)
                .ifPresent(b::baseUrl);
        if (b.baseUrlMissing()) {
            throw new IllegalArgumentException(key + "base-url is not set: give the HR API's base URL, e.g. "
                    + "https://api4.successfactors.com/odata/v2");
        }
        config.path().ifPresent(b::path);
        config.query().forEach(b::query);
        config.headers().forEach(b::header);
        config.recordsPath().ifPresent(b::recordsPath);
        config.idField().ifPresent(id -> b.idField(id.isBlank() ? null : id));
        // "none" switches the preset's clause off (an empty value reads as absent in SmallRye Config)
        config.baseFilter().map(f -> f.trim().equalsIgnoreCase("none") ? "" : f).ifPresent(b::baseFilter);
        config.sessionReuse().ifPresent(b::sessionReuse);
        if (config.method().isPresent() || config.body().isPresent()) {
            b.request(config.method().orElse(b.listRequest().method()),
                    config.body().or(() -> b.listRequest().bodyTemplate()).orElse(null));
        }
        b.circuit(circuit(b.circuit(), config.circuit(), key + "circuit."));
        b.auth(auth(config.auth(), config.preset(), key + "auth."));
        Optional<ClientCertificate> certificate = ClientCertificates.load(key + "auth.",
                config.auth().clientCertificate(), config.auth().clientCertificateFile(),
                config.auth().clientCertificatePassword(), Instant.now());
        if (certificate.isEmpty() && config.preset().map(p -> p.trim().equalsIgnoreCase(
                ApiPresets.ADP_WORKFORCE_NOW)).orElse(false)) {
            throw new IllegalArgumentException(key + "auth.client-certificate is not set: ADP Workforce Now accepts "
                    + "only calls that present the client certificate registered with ADP (mutual TLS); set it, or "
                    + key + "auth.client-certificate-file, with its password in " + key
                    + "auth.client-certificate-password");
        }
        certificate.ifPresent(b::clientCertificate);
        b.paging(paging(b.paging(), config.paging(), key + "paging."));
        b.incremental(incremental(b.incremental(), config.incremental(), key + "incremental."));
        detail(b, config.detail());
        b.http(http(b.http(), config.http(), key + "http."));
        b.throttling(throttling(b.throttling(), config.http(), key + "http."));
        return b.build();
    }

    private static ApiAuth auth(ApiSourceConfig.Auth c, Optional<String> preset, String key) {
        ApiPresets.AuthType type = c.type()
                .map(t -> parseEnum(ApiPresets.AuthType.class, t, key + "type", "none, basic, api-key, oauth2"))
                .orElseGet(() -> preset.map(ApiPresets::defaultAuth).orElse(ApiPresets.AuthType.NONE));
        boolean bamboo = preset.map(p -> p.equalsIgnoreCase(ApiPresets.BAMBOOHR)).orElse(false);
        Optional<String> presetTokenUrl = preset.map(p -> p.trim().toLowerCase(Locale.ROOT)).flatMap(p -> switch (p) {
            case ApiPresets.PERSONIO -> Optional.of("https://api.personio.de/v2/auth/token");
            case ApiPresets.ADP_WORKFORCE_NOW -> Optional.of(WorkerApiPresets.ADP_TOKEN_URL);
            default -> Optional.<String>empty();
        });
        return switch (type) {
            case NONE -> new ApiAuth.None();
            case BASIC -> new ApiAuth.Basic(required(c.username(), key + "username"),
                    bamboo ? c.password().orElse("x") : required(c.password(), key + "password"));
            case API_KEY -> new ApiAuth.ApiKey(c.apiKeyHeader().orElse("Authorization"),
                    c.apiKeyPrefix().orElse(c.apiKeyHeader().map(h -> h.equalsIgnoreCase("Authorization")).orElse(true)
                            ? "Bearer " : ""),
                    required(c.apiKey(), key + "api-key"));
            case OAUTH2 -> new ApiAuth.OAuth2ClientCredentials(
                    uri(required(c.tokenUrl().or(() -> presetTokenUrl), key + "token-url"), key + "token-url"),
                    required(c.clientId(), key + "client-id"), required(c.clientSecret(), key + "client-secret"),
                    c.scope(), c.clientCredentialsInBody().orElse(true));
        };
    }

    private static PagingSettings paging(PagingSettings p, ApiSourceConfig.Paging c, String key) {
        PagingStyle style = c.style()
                .map(s -> parseEnum(PagingStyle.class, s, key + "style",
                        "none, next-link, link-header, offset-limit, cursor, start-index, page-number"))
                .orElse(p.style());
        PagingSettings paging = new PagingSettings(style, c.pageSize().orElse(p.pageSize()),
                c.pageSizeParam().orElse(p.pageSizeParam()), c.nextLinkPath().orElse(p.nextLinkPath()),
                c.cursorPath().orElse(p.cursorPath()), c.cursorParam().orElse(p.cursorParam()),
                c.pageParam().or(c::offsetParam).orElse(p.offsetParam()), c.totalPath().or(p::totalPath),
                c.hasMorePath().or(p::hasMorePath), c.firstPage().orElse(p.firstPage()));
        switch (style) {
            case NEXT_LINK -> requireText(paging.nextLinkPath(), key + "next-link-path", style);
            case CURSOR -> {
                requireText(paging.cursorPath(), key + "cursor-path", style);
                requireText(paging.cursorParam(), key + "cursor-param", style);
            }
            case OFFSET_LIMIT, START_INDEX, PAGE_NUMBER -> {
                requireText(paging.offsetParam(), key + (style == PagingStyle.PAGE_NUMBER ? "page-param"
                        : "offset-param"), style);
                requireText(paging.pageSizeParam(), key + "page-size-param", style);
                if (paging.pageSize() <= 0) {
                    throw new IllegalArgumentException(key + "page-size must be set above 0 for paging style "
                            + style.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
            }
            default -> {
            }
        }
        return paging;
    }

    private static IncrementalSettings incremental(IncrementalSettings p, ApiSourceConfig.Incremental c,
            String key) {
        boolean changeKeysNew = (c.filterParam().isPresent() || c.windowStartParam().isPresent()
                || c.stopAtWatermark().orElse(false)) && !p.limitsReads();
        Optional<String> watermarkField = c.watermarkField().or(p::watermarkField).filter(s -> !s.isBlank());
        boolean stopAtWatermark = c.stopAtWatermark().orElse(p.stopAtWatermark());
        if (stopAtWatermark && watermarkField.isEmpty()) {
            throw new IllegalArgumentException(key + "stop-at-watermark is true but " + key + "watermark-field is not "
                    + "set: name the record field the list is sorted by, newest first (e.g. updated_at)");
        }
        return new IncrementalSettings(c.filterParam().orElse(p.filterParam()),
                c.filterTemplate().orElse(p.filterTemplate()), c.watermarkFormat().orElse(p.watermarkFormat()),
                watermarkField,
                c.watermarkResponseField().or(p::watermarkResponseField).filter(s -> !s.isBlank()),
                c.overlap().orElse(changeKeysNew ? ApiPresets.OVERLAP : p.overlap()),
                c.initialWatermark().or(p::initialWatermark).filter(s -> !s.isBlank()),
                window(p.window(), c, key), stopAtWatermark);
    }

    /** The preset's changed-since window with the configured keys on top; both parameters or neither. */
    private static Optional<ChangeWindow> window(Optional<ChangeWindow> preset, ApiSourceConfig.Incremental c,
            String key) {
        Optional<String> start = c.windowStartParam().or(() -> preset.map(ChangeWindow::startParam))
                .filter(s -> !s.isBlank());
        Optional<String> end = c.windowEndParam().or(() -> preset.map(ChangeWindow::endParam))
                .filter(s -> !s.isBlank());
        if (start.isPresent() != end.isPresent()) {
            throw new IllegalArgumentException(key + (start.isPresent() ? "window-end-param" : "window-start-param")
                    + " is not set, but " + key + (start.isPresent() ? "window-start-param" : "window-end-param")
                    + " is: a changed-since window needs both parameters (Dayforce: filterUpdatedStartDate and "
                    + "filterUpdatedEndDate), or neither");
        }
        Optional<Duration> maxLength = c.windowMaxLength().or(() -> preset.flatMap(ChangeWindow::maxLength));
        if (maxLength.filter(m -> m.isNegative() || m.isZero()).isPresent()) {
            throw new IllegalArgumentException(key + "window-max-length must be a positive duration (e.g. P30D), got "
                    + maxLength.get());
        }
        return start.map(s -> new ChangeWindow(s, end.get(), maxLength));
    }

    private static void detail(ApiSettings.Builder b, ApiSourceConfig.Detail c) {
        Optional<DetailSettings> preset = b.detail();
        if (c.path().isEmpty() && preset.isEmpty()) {
            return;
        }
        if (c.path().isPresent() && c.path().get().isBlank()) {
            b.detail(null); // detail.path= (empty) switches a preset's detail request off
            return;
        }
        DetailSettings p = preset.orElse(new DetailSettings("", null, "", Optional.empty(), Optional.empty(),
                true));
        b.detail(new DetailSettings(c.path().orElse(p.pathTemplate()),
                c.query().isEmpty() ? p.query() : c.query(), c.recordPath().orElse(p.recordPath()),
                c.skipField().or(p::skipField), c.skipValue().or(p::skipValue),
                c.requireSameId().orElse(p.requireSameId()), c.idField().or(p::idField)));
    }

    private static CircuitSettings circuit(CircuitSettings p, ApiSourceConfig.Circuit c, String key) {
        try {
            return new CircuitSettings(c.failures().orElse(p.failures()), c.openFor().orElse(p.openFor()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "*: " + e.getMessage(), e);
        }
    }

    private static HttpSettings http(HttpSettings p, ApiSourceConfig.Http c, String key) {
        try {
            return new HttpSettings(c.connectTimeout().orElse(p.connectTimeout()),
                    c.requestTimeout().orElse(p.requestTimeout()), c.maxAttempts().orElse(p.maxAttempts()),
                    c.initialBackoff().orElse(p.initialBackoff()), c.maxBackoff().orElse(p.maxBackoff()),
                    c.maxRetryAfter().orElse(p.maxRetryAfter()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "*: " + e.getMessage(), e);
        }
    }

    private static ApiThrottling throttling(ApiThrottling p, ApiSourceConfig.Http c, String key) {
        try {
            return new ApiThrottling(c.throttleStatuses().map(Set::copyOf).orElse(p.statuses()),
                    c.requestsPerMinute().orElse(p.requestsPerMinute()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "requests-per-minute: " + e.getMessage(), e);
        }
    }

    private static String required(Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                key + " is not set; it is required by the chosen authentication (keep secrets in app settings or "
                        + "Key Vault references, not in files)"));
    }

    private static void requireText(String value, String key, PagingStyle style) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set; paging style "
                    + style.name().toLowerCase(Locale.ROOT).replace('_', '-') + " needs it");
        }
    }

    private static URI uri(String value, String key) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not an absolute http(s) URL", e);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String key, String allowed) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": unknown value '" + value + "'; use one of " + allowed, e);
        }
    }
}
