package io.entrasync.graph;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.SecretScrubber;
import io.entrasync.text.Printable;

/** The parts of a Graph error body a person needs: {@code {"error":{"code","message","innerError":{...}}}}. */
record ServiceError(String code, String message, String requestId, boolean fromHtml) {

    ServiceError(String code, String message, String requestId) {
        this(code, message, requestId, false);
    }

    private static final Pattern TITLE =
            Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    static ServiceError parse(ObjectMapper mapper, String body) {
        return parse(mapper, body, SecretScrubber.PATTERNS);
    }

    /**
     * The error's parts with whatever secret the service echoed (a token, a client secret) masked and control
     * characters escaped ({@link Printable}): a message is printed and logged, and must not forge a line.
     */
    static ServiceError parse(ObjectMapper mapper, String body, SecretScrubber scrubber) {
        ServiceError raw = parseRaw(mapper, body);
        return new ServiceError(shown(scrubber, raw.code()), shown(scrubber, raw.message()),
                shown(scrubber, raw.requestId()), raw.fromHtml());
    }

    private static String shown(SecretScrubber scrubber, String text) {
        return Printable.escape(scrubber.scrub(text));
    }

    private static ServiceError parseRaw(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return new ServiceError(null, null, null);
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("<")) {
            // A gateway's or front end's HTML error page: its title is all a person needs.
            Matcher title = TITLE.matcher(body);
            String text = title.find() ? title.group(1).replaceAll("\\s+", " ").strip() : "an HTML error page";
            return new ServiceError(null, "HTML page '" + (text.length() > 200 ? text.substring(0, 200) : text)
                    + "' (from a gateway in front of the service)", null, true);
        }
        try {
            JsonNode error = mapper.readTree(body).path("error");
            JsonNode inner = error.has("innerError") ? error.path("innerError") : error.path("innererror");
            return new ServiceError(text(error.path("code")), text(error.path("message")),
                    text(inner.path("request-id")));
        } catch (IOException | RuntimeException notJson) {
            String firstLine = body.lines().findFirst().orElse("");
            return new ServiceError(null, firstLine.length() > 300 ? firstLine.substring(0, 300) : firstLine,
                    null);
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
