package io.entrasync.sync;

import java.util.Optional;
import java.util.Set;

import io.entrasync.source.rest.RestSource;

/** The configured HR API sources by name ({@code sync.sources.<name>.api.*}). */
public interface ApiSources {

    Set<String> names();

    /**
     * @throws IllegalArgumentException naming the key when the source's API settings are incomplete
     */
    Optional<RestSource> source(String name);
}
