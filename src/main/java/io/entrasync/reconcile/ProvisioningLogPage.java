package io.entrasync.reconcile;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of {@code GET /auditLogs/provisioning} (Graph reference: "List provisioningObjectSummary"; paging:
 * "Paging Microsoft Graph data in your app"). The entries stay JSON trees for {@link LogEntryView}, which reads only
 * the parts reconciliation needs and tolerates what Microsoft's published samples vary in; the next-page link is
 * followed exactly as given (Graph's paging guidance: do not take it apart or build it yourself).
 *
 * @param value the page's provisioningObjectSummary entries (null when the service sent none)
 * @param nextLink {@code @odata.nextLink}, absent on the last page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ProvisioningLogPage(List<JsonNode> value, @JsonProperty("@odata.nextLink") String nextLink) {

    List<JsonNode> entries() {
        return value == null ? List.of() : value;
    }

    boolean hasNext() {
        return nextLink != null && !nextLink.isBlank();
    }
}
