package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.source.SourceRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * What a mapping makes of single records: whole users, required fields, multi-valued attributes, namespaces and empty
 * values. One-rule cases (helpers, types, per-record rejections) are lines of {@code spec/mapping-rules.txt}
 * ({@link MappingRulesSpecTest}).
 */
class MappingTest {

    private static final String BASE = """
            user:
              externalId: Id
              userName: Upn
              active: =row.Status == "A"
            """;

    @Test
    void plainColumnsAndTheMicrosoftSampleShape() throws Exception {
        Mapping mapping = MappingLoader.load(Path.of("samples/mappings/microsoft-sample.yaml"));
        MappingResult result = mapping.map(record(Map.ofEntries(Map.entry("WorkerID", "1783"),
                Map.entry("WorkerStatus", "Active"), Map.entry("WorkerType", "Employee"),
                Map.entry("UserID", "EMP1783"), Map.entry("FirstName", "Genevra"), Map.entry("LastName", "Melony"),
                Map.entry("FullName", "Genevra Melony"), Map.entry("ManagerID", "1535"),
                Map.entry("Department", "Sales"), Map.entry("Division", "Media"), Map.entry("CostCenter", "CC5081"),
                Map.entry("Company", "Fabrikam"), Map.entry("JobTitle", "Software Developer"),
                Map.entry("StreetAddress", ""), Map.entry("City", "Chicago"), Map.entry("CountryCode", "US"),
                Map.entry("OfficePhone", "150-150-1586"), Map.entry("ZipCode", "71677"))));
        assertThat(result.isValid()).isTrue();
        assertThat(result.user().externalId()).isEqualTo("1783");
        assertThat(result.user().managerExternalId()).contains("1535");
        JsonNode expected = new ObjectMapper().readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"1783","active":true,"userName":"EMP1783","displayName":"Genevra Melony",
                 "nickName":"EMP1783","userType":"Employee","title":"Software Developer",
                 "name":{"familyName":"Melony","givenName":"Genevra"},
                 "addresses":[{"type":"work","locality":"Chicago","postalCode":"71677","country":"US"}],
                 "phoneNumbers":[{"type":"work","value":"150-150-1586"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"1783",
                   "costCenter":"CC5081","organization":"Fabrikam","division":"Media","department":"Sales",
                   "manager":{"value":"1535"}}}
                """);
        assertThat(result.user().data()).isEqualTo(expected);
        assertThat(result.user().data().fieldNames()).toIterable().startsWith("schemas", "externalId", "active",
                "userName");
    }

    @Test
    void asciiSpellsOutLettersWithoutDecomposition() {
        assertThat(TextFunctions.ascii("Straße Łódź Æsir Œuvre Þór Đorđe Ørsted"))
                .isEqualTo("Strasse Lodz AEsir OEuvre THor Dorde Orsted");
    }

    @Test
    void missingExternalIdUserNameOrActiveRejectTheRecord() {
        Mapping mapping = MappingLoader.parse("""
                user:
                  externalId: Id
                  userName: Upn
                  active: Enabled
                """, "m.yaml");
        MappingResult result = mapping.map(record(Map.of("Id", " ", "Upn", "", "Enabled", "")));
        assertThat(result.errors()).extracting(FieldError::field, FieldError::reason).containsExactly(
                Tuple.tuple("externalId", RejectionReason.MISSING_EXTERNAL_ID),
                Tuple.tuple("active", RejectionReason.MISSING_ACTIVE),
                Tuple.tuple("userName", RejectionReason.MISSING_USER_NAME));
        assertThat(result.externalId()).isNull();
        assertThat(result.errors().get(0).message()).isEqualTo("column Id is empty; every user needs externalId");
    }

    @Test
    void emailsMustBeEmailShapedAndEmptyEntriesAreLeftOut() {
        Mapping mapping = MappingLoader.parse(BASE + """
                  emails:
                    - {type: work, primary: true, value: Mail}
                  phoneNumbers:
                    - {type: work, value: Phone}
                    - {type: mobile, value: Mobile}
                """, "m.yaml");
        JsonNode data = valid(mapping, Map.of("Id", "1", "Upn", "u", "Status", "A", "Mail", "ann@contoso.com",
                "Phone", "", "Mobile", "+1 555"));
        assertThat(data.get("emails").toString())
                .isEqualTo("[{\"type\":\"work\",\"primary\":true,\"value\":\"ann@contoso.com\"}]");
        assertThat(data.get("phoneNumbers").toString()).isEqualTo("[{\"type\":\"mobile\",\"value\":\"+1 555\"}]");
        JsonNode noContact = valid(mapping, Map.of("Id", "1", "Upn", "u", "Status", "A", "Mail", "", "Phone", "",
                "Mobile", ""));
        assertThat(noContact.has("emails")).isFalse();
        assertThat(noContact.has("phoneNumbers")).isFalse();
        MappingResult bad = mapping.map(record(Map.of("Id", "1", "Upn", "u", "Status", "A", "Mail", "ann at contoso",
                "Phone", "", "Mobile", "")));
        assertThat(bad.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("emails[0].value");
            assertThat(error.reason()).isEqualTo(RejectionReason.INVALID_EMAIL);
        });
        assertThat(bad.externalId()).isEqualTo("1");
    }

    @Test
    void schemasListExactlyTheNamespacesAUserHasValuesIn() {
        Mapping mapping = MappingLoader.parse(BASE + """
                extensions:
                  "urn:acme:1.0:User":
                    a: A
                  "urn:globex:1.0:User":
                    b: B
                """, "m.yaml");
        JsonNode onlyGlobex = valid(mapping, Map.of("Id", "1", "Upn", "u", "Status", "A", "A", "", "B", "x"));
        assertThat(onlyGlobex.get("schemas")).extracting(JsonNode::asText).containsExactly(ScimSchemas.CORE_USER,
                ScimSchemas.ENTERPRISE_USER, "urn:globex:1.0:User");
        assertThat(onlyGlobex.has("urn:acme:1.0:User")).isFalse();
        JsonNode both = valid(mapping, Map.of("Id", "1", "Upn", "u", "Status", "A", "A", "y", "B", "x"));
        assertThat(both.get("schemas")).hasSize(4);
    }

    @Test
    void emptyValuesAreLeftOutOrSentAsNull() {
        String attributes = """
                  title: Title
                enterprise:
                  department: Dept
                """;
        Map<String, String> values = Map.of("Id", "1", "Upn", "u", "Status", "A", "Title", "", "Dept", "");
        JsonNode omitted = valid(MappingLoader.parse(BASE + attributes, "m.yaml"), values);
        assertThat(omitted.has("title")).isFalse();
        assertThat(omitted.has(ScimSchemas.ENTERPRISE_USER)).isFalse();
        JsonNode cleared = valid(MappingLoader.parse("options:\n  emptyValues: null\n" + BASE + attributes, "m.yaml"),
                values);
        assertThat(cleared.get("title").isNull()).isTrue();
        assertThat(cleared.get(ScimSchemas.ENTERPRISE_USER).get("department").isNull()).isTrue();
    }

    @Test
    void constantsAndTheManagerShorthands() {
        Mapping mapping = MappingLoader.parse(BASE + """
                  userType: {const: Employee}
                enterprise:
                  organization: {const: Contoso}
                  manager: {value: Boss}
                """, "m.yaml");
        JsonNode data = valid(mapping, Map.of("Id", "1", "Upn", "u", "Status", "A", "Boss", "42"));
        assertThat(data.get("userType").asText()).isEqualTo("Employee");
        assertThat(data.get(ScimSchemas.ENTERPRISE_USER).toString())
                .isEqualTo("{\"organization\":\"Contoso\",\"manager\":{\"value\":\"42\"}}");
    }

    @Test
    void externalIdOfReadsOnlyTheAnchor() {
        Mapping mapping = MappingLoader.parse(BASE.replace("externalId: Id", "externalId: =row.Co + \"-\" + row.Id"),
                "m.yaml");
        assertThat(mapping.externalIdOf(record(Map.of("Co", "DE", "Id", "7")))).isEqualTo("DE-7");
        assertThat(mapping.externalIdOf(record(Map.of("Id", "7")))).isNull();
    }

    private static JsonNode valid(Mapping mapping, Map<String, String> values) {
        MappingResult result = mapping.map(record(values));
        assertThat(result.errors()).isEmpty();
        return result.user().data();
    }

    private static SourceRecord record(Map<String, String> values) {
        return new SourceRecord(2, "line 2", new LinkedHashMap<>(values));
    }
}
