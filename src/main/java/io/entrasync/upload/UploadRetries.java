package io.entrasync.upload;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.entrasync.config.SourceConfig;
import io.entrasync.graph.RetryPolicy;

/**
 * The retry policy of one source's Graph calls from {@code sync.sources.<name>.upload.retries.*}. Attempts are counted
 * the first try included, like every other {@code max-attempts} setting; the older {@code retries.max}, which counted
 * retries after the first try, still works as an alias meaning one attempt more, with a warning naming the new key.
 */
final class UploadRetries {

    private static final Logger LOG = Logger.getLogger(UploadRetries.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private UploadRetries() {
    }

    static RetryPolicy policy(String sourceName, SourceConfig.UploadConfig.Retries retries) {
        return new RetryPolicy(maxAttempts(sourceName, retries), retries.initialBackoff(), retries.maxBackoff());
    }

    private static int maxAttempts(String sourceName, SourceConfig.UploadConfig.Retries retries) {
        String keys = "sync.sources." + sourceName + ".upload.retries.";
        if (retries.maxAttempts().isPresent()) {
            int attempts = retries.maxAttempts().get();
            retries.max().ifPresent(old -> warnOnce(String.format("%smax (%d) is deprecated and ignored:"
                    + " %smax-attempts (%d) is also set and wins. Remove %smax.", keys, old, keys, attempts, keys)));
            if (attempts < 1) {
                throw new IllegalArgumentException(keys + "max-attempts is " + attempts
                        + "; use 1 or more (the first try included; 1 = never retry)");
            }
            return attempts;
        }
        if (retries.max().isPresent()) {
            int old = retries.max().get();
            if (old < 0) {
                throw new IllegalArgumentException(keys + "max is " + old + "; use " + keys
                        + "max-attempts instead, 1 or more (the first try included; 1 = never retry)");
            }
            int attempts = old + 1;
            warnOnce(String.format("%smax is deprecated: it counts retries after the first try. Read as"
                    + " %smax-attempts=%d (the first try included); set that instead.", keys, keys, attempts));
            return attempts;
        }
        return Integer.parseInt(SourceConfig.DEFAULT_MAX_ATTEMPTS);
    }

    /** Settings are resolved on every run and pass: a warning about the same setting is logged once a process. */
    private static void warnOnce(String warning) {
        if (WARNED.add(warning)) {
            LOG.warn(warning);
        }
    }
}
