package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-record mapping cases of {@code spec/mapping-rules.txt}, one test per line (as FastCSV keeps its edge
 * cases): a new rule case is a line of data, not a method. The file's header explains the columns.
 */
class MappingRulesSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UNICODE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Map<String, String> LOOKUPS = Map.of(
            "languages", "{DE: de-DE, SE: sv-SE}",
            "status", "{A: true, T: false}");

    record Case(String id, String attribute, String rule, Map<String, String> row, String expected) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = MappingRulesSpecTest.class.getResourceAsStream("/spec/mapping-rules.txt")) {
            List<Case> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = List.of(line.split(Pattern.quote(" | "), -1));
                assertThat(fields).as("case line: " + line).hasSize(5);
                cases.add(new Case(fields.get(0).trim(), fields.get(1).trim(), fields.get(2).trim(),
                        row(fields.get(3).trim()), unescape(fields.get(4).trim())));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsAsSpecified(Case spec) throws IOException {
        Mapping mapping = MappingLoader.parse(mappingFor(spec), spec.id() + ".yaml");
        MappingResult result = mapping.map(new SourceRecord(2, "line 2", spec.row()));
        if (spec.expected().startsWith("!")) {
            String[] reasonAndParts = spec.expected().substring(1).split(" ", 2);
            assertThat(result.errors()).as(spec.id()).singleElement().satisfies(error -> {
                assertThat(error.reason()).isEqualTo(RejectionReason.valueOf(reasonAndParts[0]));
                assertThat(error.field()).isEqualTo(fieldName(spec.attribute()));
                if (reasonAndParts.length > 1) {
                    assertThat(error.message()).contains(reasonAndParts[1].split(" & ", -1));
                }
            });
            return;
        }
        assertThat(result.errors()).as(spec.id()).isEmpty();
        JsonNode value = valueAt(result.user().data(), spec.attribute());
        if (spec.expected().equals("absent")) {
            assertThat(value).as(spec.id()).isNull();
            return;
        }
        JsonNode expected = JSON.readTree(spec.expected());
        assertThat(value).as(spec.id()).isNotNull();
        if (expected.isIntegralNumber()) {
            assertThat(value.isIntegralNumber()).as(spec.id() + ": an integer").isTrue();
            assertThat(value.longValue()).isEqualTo(expected.longValue());
        } else {
            assertThat(value).as(spec.id()).isEqualTo(expected);
        }
    }

    private static String mappingFor(Case spec) {
        StringBuilder yaml = new StringBuilder();
        String lookups = LOOKUPS.entrySet().stream().filter(table -> spec.rule().contains(table.getKey()))
                .map(table -> "  " + table.getKey() + ": " + table.getValue() + "\n").reduce("", String::concat);
        if (!lookups.isEmpty()) {
            yaml.append("lookups:\n").append(lookups);
        }
        String attribute = spec.attribute();
        yaml.append("user:\n  externalId: Id\n  userName: Upn\n");
        yaml.append("  active: ").append(attribute.equals("active") ? spec.rule()
                : "=row.Status == \"A\"").append('\n');
        int dot = attribute.lastIndexOf('.');
        if (attribute.startsWith("enterprise.")) {
            yaml.append("enterprise:\n  ").append(attribute.substring(dot + 1)).append(": ").append(spec.rule())
                    .append('\n');
        } else if (attribute.startsWith("urn:")) {
            yaml.append("extensions:\n  \"").append(attribute, 0, dot).append("\":\n    ")
                    .append(attribute.substring(dot + 1)).append(": ").append(spec.rule()).append('\n');
        } else if (!attribute.equals("active")) {
            yaml.append("  ").append(attribute).append(": ").append(spec.rule()).append('\n');
        }
        return yaml.toString();
    }

    private static JsonNode valueAt(JsonNode data, String attribute) {
        int dot = attribute.lastIndexOf('.');
        if (attribute.startsWith("enterprise.")) {
            return data.path(ScimSchemas.ENTERPRISE_USER).get(attribute.substring(dot + 1));
        }
        if (attribute.startsWith("urn:")) {
            return data.path(attribute.substring(0, dot)).get(attribute.substring(dot + 1));
        }
        return data.get(attribute);
    }

    /** The field an error names: the attribute, or {@code <urn>:<name>} in a custom namespace. */
    private static String fieldName(String attribute) {
        int dot = attribute.lastIndexOf('.');
        return attribute.startsWith("urn:") ? attribute.substring(0, dot) + ":" + attribute.substring(dot + 1)
                : attribute;
    }

    private static Map<String, String> row(String text) {
        Map<String, String> row = new LinkedHashMap<>(Map.of("Id", "1", "Upn", "u", "Status", "A"));
        if (!text.isEmpty()) {
            for (String pair : text.split(", ", -1)) {
                int eq = pair.indexOf('=');
                row.put(pair.substring(0, eq), unescape(pair.substring(eq + 1)));
            }
        }
        return row;
    }

    private static String unescape(String text) {
        Matcher escape = UNICODE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(out, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        return escape.appendTail(out).toString();
    }
}
