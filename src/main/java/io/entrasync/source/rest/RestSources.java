package io.entrasync.source.rest;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.config.SourceConfig;
import io.entrasync.config.SyncConfig;

/**
 * The configured HR API sources by name: a thin CDI wrapper around {@link ApiSettingsFactory} and {@link RestSource}.
 */
@ApplicationScoped
public class RestSources {

    private final SyncConfig config;
    private final ClientCredentialsTokens tokens;
    private final Map<String, RestSource> sources = new ConcurrentHashMap<>();

    public RestSources(SyncConfig config, ClientCredentialsTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /** Names of the sources configured with {@code sync.sources.<name>.api.*}. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        config.sources().forEach((name, source) -> {
            if (source.api().isPresent()) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * The REST source called {@code name}; empty when no such source has API settings.
     *
     * @throws IllegalArgumentException naming the key when its settings are incomplete
     */
    public Optional<RestSource> source(String name) {
        SourceConfig source = config.sources().get(name);
        if (source == null || source.api().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sources.computeIfAbsent(name,
                n -> new RestSource(ApiSettingsFactory.fromConfig(n, source.api().get()), tokens)));
    }
}
