package io.entrasync.upload;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.AuthSettings;
import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.auth.TokenProviders;
import io.entrasync.graph.GraphClient;
import io.entrasync.retry.Sleeper;
import io.entrasync.state.StateStore;

/**
 * Builds upload engines for the doors (CLI, Functions). Token providers are kept per auth settings so their cache
 * lives as long as the process; the call window ({@code pacing/<tenant or job>.json}) and the daily quota
 * ({@code quota/<tenant or job>.json}) live in the state store, shared by every process calling the tenant.
 */
@ApplicationScoped
public class UploadEngines {

    /** Window slots claimed per blob round trip: a quarter of the default window, so bursts stay cheap and fair. */
    static final int CLAIM_BLOCK = 10;

    private final StateStore state;
    private final ObjectMapper mapper;
    private final Function<AuthSettings, AccessTokenProvider> tokenSource;
    private final Map<AuthSettings, AccessTokenProvider> tokenProviders = new ConcurrentHashMap<>();

    @Inject
    public UploadEngines(StateStore state, ObjectMapper mapper, ClientCredentialsTokens clientCredentials) {
        this(state, mapper, auth -> TokenProviders.create(auth, clientCredentials));
    }

    /** With another source of token providers (plain tests, which have no quarkus-oidc-client). */
    public UploadEngines(StateStore state, ObjectMapper mapper, Function<AuthSettings, AccessTokenProvider> tokens) {
        this.state = state;
        this.mapper = mapper;
        this.tokenSource = tokens;
    }

    public UploadEngine create(UploadSettings settings) {
        GraphClient graph = graphClient(settings);
        DailyQuota quota = new BlobDailyQuota(state, BlobDailyQuota.pathFor(settings.sharingKey()),
                settings.dailyCalls(), mapper);
        return new UploadEngine(graph, settings.target(), callWindow(settings), quota, mapper, Clock.systemUTC(),
                settings.maxInFlight());
    }

    /**
     * The tenant's call window as this upload sees it: its claims live in the state store beside the quota, so every
     * process calling the tenant keeps to one window (see {@link TenantCallWindow}).
     */
    public TenantCallWindow callWindow(UploadSettings settings) {
        return new TenantCallWindow(state, TenantCallWindow.pathFor(settings.sharingKey()), settings.pacing(),
                new TenantCallWindow.Sharing(TenantCallWindow.DEFAULT_CLOCK_MARGIN, CLAIM_BLOCK,
                        settings.connectTimeout().plus(settings.requestTimeout())), mapper, Clock.systemUTC(),
                Sleeper.REAL);
    }

    /**
     * The Graph client of a source (timeouts, token, retries), for any Graph call: the upload engine uses it for
     * bulkUpload, reconciliation can use it for the provisioning logs with its own {@code CallGate}.
     */
    public GraphClient graphClient(UploadSettings settings) {
        HttpClient http = GraphClient.newHttpClient(settings.connectTimeout());
        AccessTokenProvider tokens = tokenProviders.computeIfAbsent(settings.auth(), tokenSource);
        return new GraphClient(http, tokens, settings.retries(), settings.requestTimeout(), mapper, Sleeper.REAL,
                Clock.systemUTC()).withScrubber(settings.auth().scrubber());
    }

    /** The source's token provider (one per auth settings, cached for the process), for the typed Graph clients. */
    public AccessTokenProvider tokenProvider(UploadSettings settings) {
        return tokenProviders.computeIfAbsent(settings.auth(), tokenSource);
    }

    /** The daily quota a source's uploads count against. */
    public DailyQuota quota(UploadSettings settings) {
        return new BlobDailyQuota(state, BlobDailyQuota.pathFor(settings.sharingKey()), settings.dailyCalls(), mapper);
    }
}
