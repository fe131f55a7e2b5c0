package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code preview} and {@code validate} on Microsoft's dirty 1000-record sample, checked row by row against an
 * independent reading of the CSV (the file is unquoted, so a plain split is a trustworthy oracle).
 */
@QuarkusTest
class PreviewCommandTest {

    private static final Path SAMPLE = Path.of("samples/extracts/csv-with-1000-records.csv");
    private static final String MAPPING = "samples/mappings/microsoft-sample.yaml";
    private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Inject
    CommandLine.IFactory factory;

    @Inject
    ObjectMapper json;

    @TempDir
    Path out;

    @Test
    void theMicrosoftSampleUploadsTheUniqueWorkersAndRejectsEveryCollidingOne() throws IOException {
        List<Map<String, String>> rows = readSample();
        assertThat(rows).hasSize(1000);
        Map<String, List<Integer>> linesById = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            linesById.computeIfAbsent(rows.get(i).get("WorkerID"), k -> new ArrayList<>()).add(i + 2);
        }
        List<Integer> uniqueRows = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (linesById.get(rows.get(i).get("WorkerID")).size() == 1) {
                uniqueRows.add(i);
            }
        }
        assertThat(uniqueRows).hasSize(359);

        Run run = run("preview", "--mapping", MAPPING, "--file", SAMPLE.toString(), "--out", out.toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("1000 records read, 359 valid, 641 rejected", "duplicate externalId: 641",
                "265 externalIds are shared", "Wrote 8 BulkRequests (359 users)");

        List<JsonNode> operations = new ArrayList<>();
        Set<String> bulkIds = new HashSet<>();
        for (int file = 1; file <= 8; file++) {
            JsonNode request = json.readTree(out.resolve(String.format("bulk-%04d.json", file)).toFile());
            assertThat(request.get("schemas")).containsExactly(
                    JsonNodeFactory.instance.textNode("urn:ietf:params:scim:api:messages:2.0:BulkRequest"));
            assertThat(request.has("failOnErrors")).isTrue();
            assertThat(request.get("failOnErrors").isNull()).isTrue();
            JsonNode ops = request.get("Operations");
            assertThat(ops.size()).isEqualTo(file < 8 ? 50 : 9);
            for (JsonNode op : ops) {
                assertThat(op.get("method").asText()).isEqualTo("POST");
                assertThat(op.get("path").asText()).isEqualTo("/Users");
                assertThat(bulkIds.add(op.get("bulkId").asText())).as("bulkId unique").isTrue();
                operations.add(op.get("data"));
            }
        }
        assertThat(out.resolve("bulk-0009.json")).doesNotExist();
        assertThat(operations).hasSize(359);
        for (int i = 0; i < uniqueRows.size(); i++) {
            Map<String, String> row = rows.get(uniqueRows.get(i));
            assertThat(operations.get(i)).as("operation %d = CSV line %d", i + 1, uniqueRows.get(i) + 2)
                    .isEqualTo(expectedUser(row));
        }

        List<String> rejected = Files.readAllLines(out.resolve("rejected.csv"), StandardCharsets.UTF_8);
        assertThat(rejected.get(0)).isEqualTo("\uFEFFline,externalId,field,reason");
        assertThat(rejected).hasSize(642);
        Set<Integer> rejectedLines = new HashSet<>();
        for (String line : rejected.subList(1, rejected.size())) {
            int lineNumber = Integer.parseInt(line.substring(0, line.indexOf(',')));
            rejectedLines.add(lineNumber);
            String workerId = rows.get(lineNumber - 2).get("WorkerID");
            List<Integer> others = linesById.get(workerId).stream().filter(l -> l != lineNumber).toList();
            String otherLines = others.stream().map(String::valueOf).collect(Collectors.joining(", "));
            assertThat(line).startsWith(lineNumber + "," + workerId + ",externalId,")
                    .contains("duplicate externalId: externalId '" + workerId + "' is also on line"
                            + (others.size() == 1 ? " " : "s ") + otherLines + ";");
        }
        assertThat(rejectedLines).hasSize(641);
    }

    @Test
    void validatePrintsEachRejectedRecordAndExitsOneWhenSomeAreRejected() {
        Run run = run("validate", "--mapping", MAPPING, "--file", SAMPLE.toString(), "--max-errors", "3");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("line 2 (externalId 1222): externalId: duplicate externalId: externalId '1222' "
                + "is also on lines ", "... and 638 more rejected records", "641 rejected");
    }

    @Test
    void exitCodeZeroWhenEveryRecordIsValidAndNoRejectedFile() {
        Run run = run("preview", "--mapping", "samples/mappings/contoso-custom-namespace.yaml", "--file",
                "samples/extracts/contoso-hr.csv", "--out", out.toString());
        assertThat(run.exitCode).isEqualTo(0);
        assertThat(out.resolve("bulk-0001.json")).exists();
        assertThat(out.resolve("rejected.csv")).doesNotExist();
        assertThat(run("validate", "--mapping", "samples/mappings/contoso-custom-namespace.yaml", "--file",
                "samples/extracts/contoso-hr.csv", "--delimiter", ";").exitCode).isEqualTo(0);
    }

    @Test
    void mappingFileAndUsageErrorsExitTwo() throws IOException {
        Path badMapping = out.resolve("bad.yaml");
        Files.writeString(badMapping, "user:\n  externalId: WorkerID\n  userName: UserID\n");
        Run noActive = run("validate", "--mapping", badMapping.toString(), "--file", SAMPLE.toString());
        assertThat(noActive.exitCode).isEqualTo(2);
        assertThat(noActive.err).contains("user.active is required");

        Path typo = out.resolve("typo.yaml");
        Files.writeString(typo, "user:\n  externalId: WorkerId\n  userName: UserID\n  active: =true\n");
        assertThat(run("validate", "--mapping", typo.toString(), "--file", SAMPLE.toString()).err)
                .contains("column 'WorkerId' is not in the header", "did you mean 'WorkerID'?");

        Path emptyFile = Files.writeString(out.resolve("empty.csv"), "");
        Run empty = run("validate", "--mapping", MAPPING, "--file", emptyFile.toString());
        assertThat(empty.exitCode).isEqualTo(2);
        assertThat(empty.err).contains("is empty");

        assertThat(run("validate", "--mapping", MAPPING, "--file", "no/such.csv").exitCode).isEqualTo(2);
        assertThat(run("validate", "--mapping", MAPPING, "--file", SAMPLE.toString(), "--charset", "klingon")
                .exitCode).isEqualTo(2);
        assertThat(run("validate", "--file", SAMPLE.toString()).exitCode).isEqualTo(2);
    }

    /** The user Microsoft's AttributeMapping.psd1 describes, built independently from the CSV row. */
    private static JsonNode expectedUser(Map<String, String> row) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode user = f.objectNode();
        user.putArray("schemas").add(CORE).add(ENTERPRISE);
        user.put("externalId", row.get("WorkerID"));
        user.put("active", row.get("WorkerStatus").equals("Active"));
        putIfPresent(user, "userName", row.get("UserID"));
        putIfPresent(user, "displayName", row.get("FullName"));
        putIfPresent(user, "nickName", row.get("UserID"));
        putIfPresent(user, "userType", row.get("WorkerType"));
        putIfPresent(user, "title", row.get("JobTitle"));
        ObjectNode name = f.objectNode();
        putIfPresent(name, "familyName", row.get("LastName"));
        putIfPresent(name, "givenName", row.get("FirstName"));
        if (!name.isEmpty()) {
            user.set("name", name);
        }
        ObjectNode address = f.objectNode().put("type", "work");
        putIfPresent(address, "streetAddress", row.get("StreetAddress"));
        putIfPresent(address, "locality", row.get("City"));
        putIfPresent(address, "postalCode", row.get("ZipCode"));
        putIfPresent(address, "country", row.get("CountryCode"));
        if (address.size() > 1) {
            user.putArray("addresses").add(address);
        }
        if (!row.get("OfficePhone").isEmpty()) {
            ArrayNode phones = user.putArray("phoneNumbers");
            phones.addObject().put("type", "work").put("value", row.get("OfficePhone"));
        }
        ObjectNode enterprise = f.objectNode();
        putIfPresent(enterprise, "employeeNumber", row.get("WorkerID"));
        putIfPresent(enterprise, "costCenter", row.get("CostCenter"));
        putIfPresent(enterprise, "organization", row.get("Company"));
        putIfPresent(enterprise, "division", row.get("Division"));
        putIfPresent(enterprise, "department", row.get("Department"));
        if (!row.get("ManagerID").isEmpty()) {
            enterprise.putObject("manager").put("value", row.get("ManagerID"));
        }
        user.set(ENTERPRISE, enterprise);
        return user;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static List<Map<String, String>> readSample() throws IOException {
        List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertThat(fields).as("the sample is unquoted: %s", line).hasSize(header.length);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void validateAndPreviewShowTheCollisionsOfAUniqueUserNameBeforeAnythingIsSent() throws IOException {
        Path mapping = out.resolve("unique.yaml");
        Files.writeString(mapping, """
                user:
                  externalId: Id
                  active: {const: true}
                  userName: =lower(row.First + "." + row.Last) + "@contoso.com"
                unique:
                  userName:
                    counter: before @
                """);
        Path extract = out.resolve("namesakes.csv");
        Files.writeString(extract, "Id,First,Last\nE2,Anna,Schmidt\nE1,Anna,Schmidt\nE3,Bo,Berg\n");
        String collision = "line 2: userName 'anna.schmidt@contoso.com' goes to externalId E1 (line 3); this "
                + "person gets 'anna.schmidt2@contoso.com'";

        Run validate = run("validate", "--mapping", mapping.toString(), "--file", extract.toString());
        assertThat(validate.exitCode).as(validate.err).isZero();
        assertThat(validate.out).contains("unique userName: 0 kept, 3 given now, 1 of them not their first "
                + "candidate (taken)", collision);

        Path bulk = out.resolve("bulk");
        Run preview = run("preview", "--mapping", mapping.toString(), "--file", extract.toString(), "--out",
                bulk.toString());
        assertThat(preview.out).contains(collision);
        JsonNode request = json.readTree(bulk.resolve("bulk-0001.json").toFile());
        assertThat(request.findValuesAsText("userName")).containsExactly("anna.schmidt2@contoso.com",
                "anna.schmidt@contoso.com", "bo.berg@contoso.com");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(EntraInboundSyncCommand.class, factory);
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
