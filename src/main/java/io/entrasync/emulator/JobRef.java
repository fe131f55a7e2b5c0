package io.entrasync.emulator;

import java.util.Objects;

/**
 * One provisioning job the emulator serves: the provisioning app's service principal object id and the job id
 * ({@code API2AAD.<hex>.<guid>}).
 */
public record JobRef(String servicePrincipalId, String jobId) {

    /** The job the emulator serves when none is configured. */
    public static final JobRef DEFAULT = new JobRef("d8a7c5f2-3b1e-4c6d-9f0a-1e2b3c4d5e6f",
            "API2AAD.0f1e2d3c4b5a69788796a5b4c3d2e1f0.5c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    public JobRef {
        Objects.requireNonNull(servicePrincipalId, "servicePrincipalId");
        Objects.requireNonNull(jobId, "jobId");
        if (servicePrincipalId.isBlank() || jobId.isBlank() || servicePrincipalId.contains("/")
                || jobId.contains("/")) {
            throw new IllegalArgumentException("A job is <servicePrincipalId>/<jobId>, both non-empty and without '/': "
                    + servicePrincipalId + "/" + jobId);
        }
    }

    /** Parses {@code <servicePrincipalId>/<jobId>}. */
    public static JobRef parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("Expected <servicePrincipalId>/<jobId>, got: " + text);
        }
        return new JobRef(text.substring(0, slash).trim(), text.substring(slash + 1).trim());
    }

    @Override
    public String toString() {
        return servicePrincipalId + "/" + jobId;
    }
}
