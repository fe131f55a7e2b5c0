package io.entrasync.job;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.retry.Sleeper;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Builds a source's {@link GraphJobClient}: a Quarkus REST client on the source's Graph URL (the emulator's locally),
 * with the source's timeouts, the bearer token from its (cached) token provider, and Graph's error bodies mapped.
 */
@ApplicationScoped
public class JobClients {

    private final UploadEngines engines;
    private final ObjectMapper mapper;
    /** One client per job and settings: a run checks the schema every time, and each client holds a connection pool. */
    private final Map<Key, GraphJobClient> clients = new ConcurrentHashMap<>();

    @Inject
    public JobClients(UploadEngines engines, ObjectMapper mapper) {
        this.engines = engines;
        this.mapper = mapper;
    }

    /**
     * The client of the source's job; {@code settings.target()} gives the URL, API version, service principal and job.
     */
    public GraphJobClient forSource(UploadSettings settings) {
        return forJob(settings, settings.target().servicePrincipalId(), settings.target().jobId());
    }

    /** A client for another job (or, for {@link GraphJobClient#jobs()}, any) of a service principal. */
    public GraphJobClient forJob(UploadSettings settings, String servicePrincipalId, String jobId) {
        return clients.computeIfAbsent(new Key(settings, servicePrincipalId, jobId),
                key -> build(settings, servicePrincipalId, jobId));
    }

    private record Key(UploadSettings settings, String servicePrincipalId, String jobId) {
    }

    private GraphJobClient build(UploadSettings settings, String servicePrincipalId, String jobId) {
        AccessTokenProvider tokens = engines.tokenProvider(settings);
        SynchronizationApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(settings.target().graphUrl()))
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new BearerTokenFilter(tokens))
                .register(new GraphErrorResponse.Mapper(mapper))
                .build(SynchronizationApi.class);
        return new GraphJobClient(api, tokens,
                new GraphJobClient.JobAddress(settings.target().apiVersion(), servicePrincipalId, jobId),
                settings.retries(), Sleeper.REAL, Clock.systemUTC());
    }
}
