package io.entrasync.run;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The blob an Event Grid {@code Microsoft.Storage.BlobCreated} event names. The event carries the blob's name, not
 * its bytes; the pipeline streams the blob itself. Shape per Microsoft's "Azure Blob Storage as an Event Grid source"
 * (learn.microsoft.com/azure/event-grid/event-schema-blob-storage): {@code subject} is
 * {@code /blobServices/default/containers/<container>/blobs/<path>}, in the Event Grid schema ({@code eventType}) and
 * the CloudEvents 1.0 schema ({@code type}) alike.
 *
 * <p>Both Functions doors (the Java worker's Event Grid trigger and the custom handler) parse the event here, so a
 * drop reaches {@link InboundFileProcessor#process(String)} with the same {@code <source>/<file>} name either way.
 *
 * @param container the storage container the blob was written to
 * @param blobName the blob's path inside it, e.g. {@code hr/workers.csv}
 */
public record BlobCreatedEvent(String container, String blobName) {

    public static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
    private static final String PREFIX = "/blobServices/default/containers/";
    private static final String BLOBS = "/blobs/";

    /**
     * Reads one event (a JSON object in either schema).
     *
     * @throws IllegalArgumentException saying what is wrong when it is not a BlobCreated event with a blob subject
     */
    public static BlobCreatedEvent parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the Event Grid event is not a JSON object");
        }
        String type = text(event, "eventType").or(() -> text(event, "type")).orElse("");
        if (!type.equals(BLOB_CREATED)) {
            throw new IllegalArgumentException("the event is of type '" + type + "', not " + BLOB_CREATED
                    + ": filter the Event Grid subscription to BlobCreated events");
        }
        String subject = text(event, "subject").orElseThrow(() -> new IllegalArgumentException(
                "the BlobCreated event has no subject"));
        int blobs = subject.indexOf(BLOBS, PREFIX.length());
        if (!subject.startsWith(PREFIX) || blobs < 0 || blobs + BLOBS.length() == subject.length()) {
            throw new IllegalArgumentException("the BlobCreated subject '" + subject + "' is not "
                    + PREFIX + "<container>" + BLOBS + "<blob>");
        }
        return new BlobCreatedEvent(subject.substring(PREFIX.length(), blobs), subject.substring(blobs + BLOBS.length()));
    }

    private static Optional<String> text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }
}
