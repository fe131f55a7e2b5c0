package io.entrasync.validate;

import io.entrasync.config.UniqueConfig;

/**
 * Whether a source checks the unique values it gives for the first time against the directory, and how many lookups
 * a run may make ({@code sync.sources.<name>.unique.directory-check}, {@code .max-lookups}).
 *
 * @param enabled look values up (off by default: it needs User.Read.All)
 * @param maxLookups lookups a run may make, at least 1
 */
public record DirectoryCheckSettings(boolean enabled, int maxLookups) {

    public static final DirectoryCheckSettings OFF = new DirectoryCheckSettings(false, 1000);

    public DirectoryCheckSettings {
        if (maxLookups < 1) {
            throw new IllegalArgumentException("unique.max-lookups must be at least 1, not " + maxLookups);
        }
    }

    /** The settings of source {@code source}, failing with the key's name. */
    public static DirectoryCheckSettings from(String source, UniqueConfig config) {
        try {
            return new DirectoryCheckSettings(config.directoryCheck(), config.maxLookups());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sync.sources." + source + "." + e.getMessage(), e);
        }
    }
}
