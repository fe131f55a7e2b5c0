package io.entrasync.reconcile;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.entrasync.upload.UploadSettings;

/** The sources reconciliation knows, with the provisioning job and credentials of each. */
public interface ReconcileSources {

    Set<String> names();

    /** The source's upload settings; empty when no such source is configured. Throws when it is misconfigured. */
    Optional<UploadSettings> settings(String source);

    static ReconcileSources of(Set<String> names, Function<String, UploadSettings> resolve) {
        Map<String, UploadSettings> resolved = new ConcurrentHashMap<>();
        return new ReconcileSources() {
            @Override
            public Set<String> names() {
                return new TreeSet<>(names);
            }

            @Override
            public Optional<UploadSettings> settings(String source) {
                if (!names.contains(source)) {
                    return Optional.empty();
                }
                return Optional.of(resolved.computeIfAbsent(source, resolve));
            }
        };
    }

    static ReconcileSources of(UploadSettings... sources) {
        Map<String, UploadSettings> byName = new HashMap<>();
        for (UploadSettings source : sources) {
            byName.put(source.sourceName(), source);
        }
        return of(byName.keySet(), byName::get);
    }
}
