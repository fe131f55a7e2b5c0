package io.entrasync.upload;

import io.entrasync.contract.ServiceLimits;

/** The next call would exceed the daily call budget. */
class QuotaExhaustedException extends RuntimeException {

    private final DailyQuota.Usage usage;

    public QuotaExhaustedException(DailyQuota.Usage usage) {
        super("The daily budget of " + usage.budget() + " bulkUpload calls per 24 hours is used up ("
                + usage.used() + " counted)" + usage.nextFreeAt().map(at -> "; the next call frees up at " + at)
                        .orElse("") + ". The unsent records are kept for the next run (raise quota.daily-calls to "
                + ServiceLimits.DAILY_CALLS_GOVERNANCE
                + " with Entra ID Governance).");
        this.usage = usage;
    }

    public DailyQuota.Usage usage() {
        return usage;
    }
}
