package io.entrasync.sync;

import java.util.Optional;
import java.util.Set;

import io.entrasync.source.rest.RestSource;
import io.entrasync.sync.references.ReferenceRules;

/** The configured HR API sources by name ({@code sync.sources.<name>.api.*}). */
public interface ApiSources {

    Set<String> names();

    /**
     * @throws IllegalArgumentException naming the key when the source's API settings are incomplete
     */
    Optional<RestSource> source(String name);

    /**
     * The fields of the source's records that name another record by a key the mapping does not use, translated
     * before the mapping sees them ({@code api.references}, or the preset's).
     *
     * @throws IllegalArgumentException naming the key when the setting is unusable
     */
    default ReferenceRules references(String name) {
        return ReferenceRules.NONE;
    }
}
