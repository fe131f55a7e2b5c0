package io.entrasync.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The managers a run does not send although records it sends name them: rejected by validation. Reconciliation names
 * them in the dependent's "created without manager" warning ({@code LedgerRun.managersNotSent}) instead of "no user
 * with this externalId has been processed". Bounded: at most {@link #MAX_REJECTED} rejected records are remembered
 * (their reason cut to {@link #MAX_REASON} characters) and at most {@link #MAX_NAMED} managers are named; one past the
 * bounds keeps the service's own words.
 */
public final class UnsentManagers {

    static final int MAX_REJECTED = 10_000;
    static final int MAX_NAMED = 1_000;
    static final int MAX_REASON = 200;

    private final Map<String, String> rejected = new HashMap<>();
    private final Set<String> named = new HashSet<>();

    /** A record validation rejected, with the reason results.csv gives it. */
    public void rejected(String externalId, String reason) {
        if (externalId != null && !externalId.isEmpty() && rejected.size() < MAX_REJECTED) {
            String text = reason == null ? "" : reason.strip();
            rejected.putIfAbsent(externalId, text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text);
        }
    }

    /** A record that is sent and names {@code managerExternalId} as its manager (null: none). */
    public void sentWithManager(String managerExternalId) {
        if (managerExternalId != null && named.size() < MAX_REJECTED) {
            named.add(managerExternalId);
        }
    }

    /** Manager externalId → why it was not sent ("rejected by validation: …"), for the managers sent records name. */
    public Map<String, String> notSent() {
        Map<String, String> out = new LinkedHashMap<>();
        rejected.entrySet().stream().filter(entry -> named.contains(entry.getKey()))
                .sorted(Map.Entry.comparingByKey()).limit(MAX_NAMED)
                .forEach(entry -> out.put(entry.getKey(), "rejected by validation: " + entry.getValue()));
        return out;
    }
}
