package io.entrasync.config;

import io.smallrye.config.WithDefault;

/** The unique values of a source's mapping ({@code sync.sources.<name>.unique.*}; the rules are in the mapping). */
public interface UniqueConfig {

    /**
     * Before a run sends, look each value it gives a person for the first time up in Entra (Graph {@code users} by
     * userPrincipalName or mail); a value another account holds goes to nobody, the person gets the next candidate.
     * Needs the Microsoft Graph application permission {@code User.Read.All}.
     */
    @WithDefault("false")
    boolean directoryCheck();

    /** At most this many directory lookups a run; values beyond are sent unchecked and the report says how many. */
    @WithDefault("1000")
    int maxLookups();
}
