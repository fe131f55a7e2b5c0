package io.entrasync.functions.customhandler;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a custom handler answers the Functions host (Microsoft's "Azure Functions custom handlers", response payload):
 * {@code Outputs} by output binding name (none here), {@code Logs} shown in the invocation's logs (Application
 * Insights in Azure), {@code ReturnValue} for a {@code $return} binding (none here). An HTTP status other than 2xx
 * fails the invocation, so the host (and Event Grid) try again.
 */
@RegisterForReflection
public record InvocationResponse(@JsonProperty("Outputs") Map<String, Object> outputs,
        @JsonProperty("Logs") List<String> logs, @JsonProperty("ReturnValue") Object returnValue) {

    public static InvocationResponse logs(List<String> logs) {
        return new InvocationResponse(Map.of(), List.copyOf(logs), null);
    }
}
