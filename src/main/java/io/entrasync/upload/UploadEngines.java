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
        HttpClient http = GraphClient.newHttpClient(settings.connectTimeout());
        AccessTokenProvider tokens = tokenProviders.computeIfAbsent(settings.auth(),
                auth -> TokenProviders.create(auth, http, mapper));
        GraphClient graph = new GraphClient(http, tokens, settings.retries(), settings.requestTimeout(), mapper);
        DailyQuota quota = new BlobDailyQuota(state, BlobDailyQuota.pathFor(settings.sharingKey()),
                settings.dailyCalls(), mapper);
        return new UploadEngine(graph, settings.target(), SharedPacers.forKey(settings.sharingKey(), settings.pacing()),
                quota, mapper);
    }

    /** The daily quota a source's uploads count against. */
    public DailyQuota quota(UploadSettings settings) {
        return new BlobDailyQuota(state, BlobDailyQuota.pathFor(settings.sharingKey()), settings.dailyCalls(), mapper);
    }
}
