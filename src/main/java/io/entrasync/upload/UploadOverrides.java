package io.entrasync.upload;

import java.util.Optional;

/** Command-line values that replace a source's configured ones (empty = keep the configuration). */
public record UploadOverrides(Optional<String> graphUrl, Optional<String> servicePrincipalId, Optional<String> jobId,
        Optional<String> authMode, Optional<String> tokenUrl, Optional<String> clientId,
        Optional<String> clientSecret) {

    public static final UploadOverrides NONE = new UploadOverrides(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    @Override
    public String toString() {
        return "UploadOverrides[graphUrl=" + graphUrl.orElse("") + ", servicePrincipalId="
                + servicePrincipalId.orElse("")
                + ", jobId=" + jobId.orElse("") + ", authMode=" + authMode.orElse("") + ", tokenUrl="
                + tokenUrl.orElse("") + ", clientId=" + clientId.orElse("") + ", clientSecret="
                + (clientSecret.isPresent() ? "<set>" : "") + "]";
    }
}
