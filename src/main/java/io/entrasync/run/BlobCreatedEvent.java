package io.entrasync.run;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the blob name out of an Event Grid {@code Microsoft.Storage.BlobCreated} event, so that the drop door hands
 * the pipeline a name and never the content (the pipeline streams the blob itself). The event, in the Event Grid
 * schema (learn.microsoft.com/azure/event-grid/event-schema-blob-storage), or the CloudEvents schema
 * ({@code type}/{@code source} instead of {@code eventType}/{@code topic}):
 * <pre>
 * {"topic": "/subscriptions/.../storageAccounts/st1",
 *  "subject": "/blobServices/default/containers/inbound/blobs/hr/w.csv",
 *  "eventType": "Microsoft.Storage.BlobCreated",
 *  "data": {"url": "https://st1.blob.core.windows.net/inbound/hr/w.csv", ...}}
 * </pre>
 * The name is {@code <source>/<file>} from the subject, or from {@code data.url} when the subject does not have the
 * expected shape. Events of another type or another container are ignored. Both Functions doors (the Java worker's
 * Event Grid trigger and the custom handler) read the event here, so a drop reaches
 * {@link InboundFileProcessor#process(String)} with the same name either way.
 * <p>
 * The event may arrive as an object, as its JSON text, or as that text encoded once more: the Functions host hands a
 * custom handler any value it cannot turn into a {@code JObject} as {@code JsonConvert.SerializeObject(value)}
 * (Azure/azure-functions-host, {@code src/WebJobs.Script/Workers/ScriptInvocationContextExtensions.cs},
 * {@code GetHttpScriptInvocationContextValue}), so a string trigger value is a JSON string holding JSON text. An event
 * that cannot be read at all is {@link Unreadable}: the doors fail the invocation, so that Event Grid delivers it again
 * and finally dead-letters it, rather than acknowledging an extract that was never processed.
 */
public final class BlobCreatedEvent {

    public static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
    private static final String SUBJECT_PREFIX = "/blobServices/default/containers/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Object, JSON text, JSON text encoded once more; a deeper nesting is no host's doing. */
    private static final int MOST_ENCODINGS = 2;

    /** What to do with one event. */
    public sealed interface Reading {
    }

    /** A new blob in the inbound container: process it. */
    public record Created(String blobName) implements Reading {
    }

    /** A readable event that is not for this function: the reason, for one log line. Acknowledged. */
    public record Ignored(String reason) implements Reading {
    }

    /** Not an event at all (not JSON, not an object, no type): the reason, for one log line. Never acknowledged. */
    public record Unreadable(String reason) implements Reading {
    }

    private BlobCreatedEvent() {
    }

    /** Reads {@code event} (its JSON text) for the inbound container {@code container}. */
    public static Reading read(String event, String container) {
        if (event == null || event.isBlank()) {
            return new Unreadable("the event is empty");
        }
        try {
            return read(JSON.readTree(event), container);
        } catch (JsonProcessingException e) {
            return new Unreadable("the event is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Reads {@code event} (parsed; one event or an array of one; an object, or JSON text holding one, encoded once or
     * twice) for the inbound container {@code container}.
     */
    public static Reading read(JsonNode event, String container) {
        JsonNode json = event;
        for (int decoded = 0; json != null && json.isTextual() && decoded < MOST_ENCODINGS; decoded++) {
            try {
                json = JSON.readTree(json.textValue());
            } catch (JsonProcessingException e) {
                return new Unreadable("the event is a string but not JSON text: " + e.getOriginalMessage());
            }
        }
        if (json != null && json.isArray() && json.size() == 1) {
            json = json.get(0);
        }
        if (json == null || json.isNull() || json.isMissingNode()) {
            return new Unreadable("the event is empty");
        }
        if (!json.isObject()) {
            return new Unreadable("the event is not a JSON object but " + describe(json));
        }
        String type = json.path("eventType").asText(json.path("type").asText(""));
        if (type.isEmpty()) {
            return new Unreadable("the event has neither 'eventType' (Event Grid schema) nor 'type' (CloudEvents"
                    + " schema)");
        }
        if (!BLOB_CREATED.equals(type)) {
            return new Ignored("event type '" + type + "' is not " + BLOB_CREATED);
        }
        String subject = json.path("subject").asText("");
        Optional<String[]> fromSubject = fromSubject(subject);
        if (fromSubject.isPresent()) {
            String[] parts = fromSubject.get();
            return container.equals(parts[0]) ? new Created(parts[1])
                    : new Ignored("the blob is in container '" + parts[0] + "', not '" + container
                            + "' (filter the Event Grid subscription to " + SUBJECT_PREFIX + container + "/)");
        }
        Optional<String> fromUrl = fromUrl(json.path("data").path("url").asText(""), container);
        return fromUrl.<Reading>map(Created::new).orElseGet(() -> new Ignored("neither the subject '" + subject
                + "' nor data.url names a blob of container '" + container + "'"));
    }

    private static String describe(JsonNode json) {
        if (json.isArray()) {
            return "an array of " + json.size() + " (the trigger delivers one event per invocation)";
        }
        return json.isTextual() ? "JSON text encoded more than twice"
                : json.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code [container, blob name]} from {@code /blobServices/default/containers/<container>/blobs/<name>}. */
    private static Optional<String[]> fromSubject(String subject) {
        if (!subject.startsWith(SUBJECT_PREFIX)) {
            return Optional.empty();
        }
        String rest = subject.substring(SUBJECT_PREFIX.length());
        int blobs = rest.indexOf("/blobs/");
        if (blobs <= 0 || blobs + 7 >= rest.length()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {rest.substring(0, blobs), rest.substring(blobs + 7)});
    }

    /** The blob name from {@code https://<account>.blob.core.windows.net/<container>/<name>} (URL-decoded). */
    private static Optional<String> fromUrl(String url, String container) {
        try {
            String path = URI.create(url).getRawPath();
            String prefix = "/" + container + "/";
            // Azurite and other emulators put the account in the path: /devstoreaccount1/<container>/<name>.
            int at = path == null ? -1 : path.indexOf(prefix);
            if (at < 0 || at + prefix.length() >= path.length()) {
                return Optional.empty();
            }
            return Optional.of(URLDecoder.decode(path.substring(at + prefix.length()).replace("+", "%2B"),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
