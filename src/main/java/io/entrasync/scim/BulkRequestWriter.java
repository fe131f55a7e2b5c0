package io.entrasync.scim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.contract.ServiceLimits;

/**
 * Serializes up to 50 users as one SCIM BulkRequest exactly as the provisioning API expects:
 * <pre>{@code
 * {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
 *  "Operations":[{"method":"POST","bulkId":"<id>","path":"/Users","data":{...}}],
 *  "failOnErrors":null}
 * }</pre>
 */
public final class BulkRequestWriter {

    public static final int MAX_OPERATIONS = ServiceLimits.OPERATIONS_PER_CALL;

    private final ObjectMapper mapper;
    private final boolean pretty;

    public BulkRequestWriter(ObjectMapper mapper) {
        this(mapper, false);
    }

    /** @param pretty indent the JSON for people to read (previews); uploads use the compact form */
    public BulkRequestWriter(ObjectMapper mapper, boolean pretty) {
        this.mapper = mapper;
        this.pretty = pretty;
    }

    /**
     * Writes one BulkRequest. Operation {@code i} gets the bulkId {@code bulkIdPrefix + "-" + (i + 1)}, unique
     * within the request.
     */
    public void write(List<ScimUser> users, String bulkIdPrefix, OutputStream out) {
        if (users.isEmpty() || users.size() > MAX_OPERATIONS) {
            throw new IllegalArgumentException("A BulkRequest carries 1 to 50 operations, not " + users.size());
        }
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            if (pretty) {
                json.useDefaultPrettyPrinter();
            }
            json.writeStartObject();
            json.writeArrayFieldStart("schemas");
            json.writeString(ScimSchemas.BULK_REQUEST);
            json.writeEndArray();
            json.writeArrayFieldStart("Operations");
            for (int i = 0; i < users.size(); i++) {
                json.writeStartObject();
                json.writeStringField("method", "POST");
                json.writeStringField("bulkId", bulkIdPrefix + "-" + (i + 1));
                json.writeStringField("path", "/Users");
                json.writeFieldName("data");
                writeTree(json, users.get(i).data());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNullField("failOnErrors");
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a JSON tree straight to the generator. {@code ObjectMapper.writeTree} sets up a serializer provider
     * per call, which costs about as much as writing a small user; users are plain trees of objects, arrays, text,
     * booleans, numbers and nulls.
     */
    private void writeTree(JsonGenerator json, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                json.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    json.writeFieldName(field.getKey());
                    writeTree(json, field.getValue());
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode element : node) {
                    writeTree(json, element);
                }
                json.writeEndArray();
            }
            case STRING -> json.writeString(node.textValue());
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            case NULL -> json.writeNull();
            default -> mapper.writeTree(json, node);
        }
    }

    public byte[] toBytes(List<ScimUser> users, String bulkIdPrefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 * users.size());
        write(users, bulkIdPrefix, out);
        return out.toByteArray();
    }
}
