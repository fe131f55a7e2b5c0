package io.entrasync.job;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.SecretScrubber;

/**
 * A non-2xx Graph answer with the parts of its JSON error body a person needs
 * ({@code {"error":{"code","message","innerError":{"request-id"}}}}); {@link GraphJobClient} turns it into a
 * {@link JobApiException} that names what to do.
 */
final class GraphErrorResponse extends RuntimeException {

    final int status;
    final String code;
    final String serviceMessage;
    final String requestId;
    /** The {@code Retry-After} header as sent, null without one. */
    final String retryAfter;

    GraphErrorResponse(int status, String code, String serviceMessage, String requestId, String retryAfter) {
        super("HTTP " + status + (code == null ? "" : " " + code), null, false, false);
        this.status = status;
        this.code = code;
        this.serviceMessage = serviceMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    /** Registered on each client: every status from 400 up becomes a {@link GraphErrorResponse}. */
    static final class Mapper implements ResponseExceptionMapper<GraphErrorResponse> {
        private final ObjectMapper json;

        Mapper(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public GraphErrorResponse toThrowable(Response response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            String code = null;
            String message = null;
            String requestId = response.getHeaderString("request-id");
            try {
                JsonNode error = json.readTree(body == null || body.isBlank() ? "{}" : body).path("error");
                code = text(error.path("code"));
                message = text(error.path("message"));
                JsonNode inner = error.has("innerError") ? error.path("innerError") : error.path("innererror");
                requestId = text(inner.path("request-id")) != null ? text(inner.path("request-id")) : requestId;
            } catch (Exception notJson) {
                String first = body == null ? "" : body.lines().findFirst().orElse("").strip();
                message = first.length() > 200 ? first.substring(0, 200) : first;
            }
            // Whatever the service echoed (a token, a secret in a query string) is masked before it reaches a message.
            return new GraphErrorResponse(response.getStatus(), SecretScrubber.PATTERNS.scrub(code),
                    SecretScrubber.PATTERNS.scrub(message), requestId, response.getHeaderString("Retry-After"));
        }

        @Override
        public boolean handles(int status, MultivaluedMap<String, Object> headers) {
            return status >= 400;
        }

        private static String text(JsonNode node) {
            return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
        }
    }
}
