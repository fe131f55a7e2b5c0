package io.entrasync.upload;

import java.net.URI;

/**
 * The bulkUpload endpoint of one provisioning job:
 * {@code {graphUrl}/{apiVersion}/servicePrincipals/{servicePrincipalId}/synchronization/jobs/{jobId}/bulkUpload}.
 */
public record BulkUploadTarget(String graphUrl, String apiVersion, String servicePrincipalId, String jobId) {

    public BulkUploadTarget {
        require(graphUrl, "the Graph URL (graph.url / --graph-url)");
        require(apiVersion, "the API version (graph.api-version)");
        require(servicePrincipalId, "the provisioning app's service principal id (graph.service-principal-id / "
                + "--service-principal-id)");
        require(jobId, "the provisioning job id (graph.job-id / --job-id)");
        graphUrl = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
    }

    public URI bulkUploadUri() {
        return URI.create(graphUrl + "/" + apiVersion + "/servicePrincipals/" + servicePrincipalId
                + "/synchronization/jobs/" + jobId + "/bulkUpload");
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + what);
        }
    }
}
