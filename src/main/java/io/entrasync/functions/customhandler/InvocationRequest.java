package io.entrasync.functions.customhandler;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the Functions host POSTs to {@code /<functionName>} of a custom handler (Microsoft's "Azure Functions custom
 * handlers", request payload): {@code Data} holds the trigger and input bindings by their {@code function.json} name,
 * {@code Metadata} the trigger metadata and {@code sys} (MethodName, UtcNow, RandGuid).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvocationRequest(@JsonProperty("Data") Map<String, JsonNode> data,
        @JsonProperty("Metadata") Map<String, JsonNode> metadata) {

    public InvocationRequest {
        data = data == null ? Map.of() : data;
        metadata = metadata == null ? Map.of() : metadata;
    }
}
