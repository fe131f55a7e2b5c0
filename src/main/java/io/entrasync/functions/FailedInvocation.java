package io.entrasync.functions;

import java.util.logging.Level;

import com.microsoft.azure.functions.ExecutionContext;

/**
 * How a Functions door fails: one clear line in the log (what failed and why, no stack trace), then an exception
 * that fails the invocation so the host or Event Grid retries it; the run resumes from its checkpoint.
 */
final class FailedInvocation extends RuntimeException {

    private FailedInvocation(String message) {
        super(message, null, false, false);
    }

    static FailedInvocation of(ExecutionContext context, String what, RuntimeException failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage().lines().findFirst().orElse("").strip();
        String message = what + " failed and will be retried: " + reason;
        context.getLogger().log(Level.SEVERE, message);
        return new FailedInvocation(message);
    }
}
