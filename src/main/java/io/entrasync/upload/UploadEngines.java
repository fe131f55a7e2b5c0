package io.entrasync.upload;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.AuthSettings;
import io.entrasync.auth.TokenProviders;
import io.entrasync.graph.GraphClient;
import io.entrasync.state.StateStore;

/**
 * Builds upload engines for the doors (CLI, Functions). Token providers are kept per auth settings so their cache
 * lives as long as the process; pacers are shared per tenant through {@link SharedPacers}; the daily quota lives in
 * the state store under {@code quota/<tenant or job>.json}.
 */
@ApplicationScoped
public class UploadEngines {

    private final StateStore state;
    private final ObjectMapper mapper;
    private final Map<AuthSettings, AccessTokenProvider> tokenProviders = new ConcurrentHashMap<>();

    @Inject
    public UploadEngines(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper;
    }

    public UploadEngine create(UploadSettings settings) {
        GraphClient graph = graphClient(settings);
        DailyQuota quota = new BlobDailyQuota(state, BlobDailyQuota.pathFor(settings.sharingKey()),
                settings.dailyCalls(), mapper);
        return new UploadEngine(graph, settings.target(), SharedPacers.forKey(settings.sharingKey(), settings.pacing()),
                quota, mapper);
    }

    /**
     * The Graph client of a source (timeouts, token, retries), for any Graph call: the upload engine uses it for
     * bulkUpload, reconciliation can use it for the provisioning logs with its own {@code CallGate}.
     */
    public GraphClient graphClient(UploadSettings settings) {
        HttpClient http = GraphClient.newHttpClient(settings.connectTimeout());
        AccessTokenProvider tokens = tokenProviders.computeIfAbsent(settings.auth(),
                auth -> TokenProviders.create(auth, http, mapper));
        return new GraphClient(http, tokens, settings.retries(), settings.requestTimeout(), mapper);
    }

    /** The source's token provider (one per auth settings, cached for the process), for the typed Graph clients. */
    public AccessTokenProvider tokenProvider(UploadSettings settings) {
        return tokenProviders.computeIfAbsent(settings.auth(), auth -> TokenProviders.create(auth,
                GraphClient.newHttpClient(settings.connectTimeout()), mapper));
    }

    /** The daily quota a source's uploads count against. */
    public DailyQuota quota(UploadSettings settings) {
        return new BlobDailyQuota(state, BlobDailyQuota.pathFor(settings.sharingKey()), settings.dailyCalls(), mapper);
    }
}
