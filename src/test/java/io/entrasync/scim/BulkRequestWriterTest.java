package io.entrasync.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BulkRequestWriterTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void writesEveryKindOfValueOfAUserUnchanged() throws Exception {
        ObjectNode data = (ObjectNode) mapper.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:acme:1.0:User"],
                 "externalId":"7","active":false,"title":null,"name":{"givenName":"Zoë \\"Z\\""},
                 "emails":[{"type":"work","primary":true,"value":"z@x.com"}],
                 "urn:acme:1.0:User":{"badge":4711,"ratio":0.5,"hired":"2021-05-01T00:00:00Z"}}
                """);
        for (boolean pretty : new boolean[] {false, true}) {
            byte[] json = new BulkRequestWriter(mapper, pretty).toBytes(List.of(new ScimUser("7", 2, data),
                    new ScimUser("7", 3, data)), "b1");
            JsonNode request = mapper.readTree(json);
            assertThat(request.get("Operations")).hasSize(2);
            assertThat(request.get("Operations").get(1).get("bulkId").asText()).isEqualTo("b1-2");
            assertThat(request.get("Operations").get(0).get("data")).isEqualTo(data);
            assertThat(request.get("failOnErrors").isNull()).isTrue();
        }
    }
}
