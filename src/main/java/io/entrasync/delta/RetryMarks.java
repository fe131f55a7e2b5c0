package io.entrasync.delta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which records a run sends again although their data did not change: those whose last send failed at the service.
 * A fresh run asks the failed records reconciliation marked; a resumed run asks the set its first attempt saved, so
 * that every attempt plans the same batches.
 */
final class RetryMarks {

    private final Set<String> saved;
    private final Map<String, FailedMark> failed;
    private final List<String> retried = new ArrayList<>();

    /**
     * @param saved the ids a resumed run's first attempt re-sent, or null for a fresh run
     * @param failed the failed records reconciliation marked (empty when resuming)
     */
    RetryMarks(Set<String> saved, Map<String, FailedMark> failed) {
        this.saved = saved;
        this.failed = failed;
    }

    /** True when the run resumes a plan that already passed the guard (or was approved). */
    boolean resuming() {
        return saved != null;
    }

    boolean shouldRetry(String externalId) {
        return saved != null ? saved.contains(externalId) : failed.containsKey(externalId);
    }

    Collection<String> candidates() {
        return saved != null ? saved : failed.keySet();
    }

    /** Notes that {@code externalId} is sent again by this run; the list is saved with the run's plan. */
    void retried(String externalId) {
        retried.add(externalId);
    }

    List<String> retried() {
        return retried;
    }

    /** How the record's last send ended, for people: {@code service-failed (UnableTo…)}. */
    String failureOf(String externalId) {
        FailedMark mark = failed.get(externalId);
        return mark == null ? "in a failure" : mark.outcome() + (mark.detail().isEmpty() ? "" : " (" + mark.detail()
                + ")");
    }
}
