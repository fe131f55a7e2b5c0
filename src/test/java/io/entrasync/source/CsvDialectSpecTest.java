package io.entrasync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV dialect cases of {@code spec/csv-dialects.txt}, one test per line (FastCSV keeps its edge cases the same
 * way): a new case is a line of data, not a method.
 */
class CsvDialectSpecTest {

    private static final Pattern PARSED = Pattern.compile("(\\d+)(?:-(\\d+))?\\{(.*)}");
    private static final Pattern MALFORMED = Pattern.compile("(\\d+)!(.*)");

    record Case(String id, String options, String input, String expected) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = CsvDialectSpecTest.class.getResourceAsStream("/spec/csv-dialects.txt")) {
            List<Case> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = split(line, " | ");
                assertThat(fields).as("case line: " + line).hasSize(4);
                cases.add(new Case(fields.get(0).trim(), fields.get(1).trim(), unescape(fields.get(2).trim()),
                        fields.get(3).trim()));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsAsSpecified(Case spec) {
        byte[] content = spec.input().getBytes(StandardCharsets.UTF_8);
        ExtractOptions options = options(spec.options());
        if (spec.expected().startsWith("header!")) {
            assertThatThrownBy(() -> CsvRecordSourceTest.open(content, options).close())
                    .isInstanceOf(ExtractException.class)
                    .hasMessageContaining(unescape(spec.expected().substring("header!".length())));
            return;
        }
        List<SourceRow> rows = CsvRecordSourceTest.readAll(content, options);
        List<String> expected = split(spec.expected(), " ; ");
        assertThat(rows).as("rows of " + spec.id()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            check(rows.get(i), expected.get(i).trim());
        }
    }

    private static void check(SourceRow row, String expected) {
        Matcher parsed = PARSED.matcher(expected);
        Matcher malformed = MALFORMED.matcher(expected);
        if (parsed.matches()) {
            assertThat(row).as(expected).isInstanceOf(SourceRow.Parsed.class);
            SourceRecord record = ((SourceRow.Parsed) row).record();
            assertThat(record.position()).as(expected).isEqualTo(Long.parseLong(parsed.group(1)));
            if (parsed.group(2) != null) {
                assertThat(record.location()).isEqualTo("lines " + parsed.group(1) + "-" + parsed.group(2));
            }
            values(parsed.group(3)).forEach((column, value) ->
                    assertThat(record.get(column)).as(expected + ": column " + column).isEqualTo(value));
        } else if (malformed.matches()) {
            assertThat(row).as(expected).isInstanceOfSatisfying(SourceRow.Malformed.class, broken -> {
                assertThat(broken.position()).isEqualTo(Long.parseLong(malformed.group(1)));
                assertThat(broken.reason()).contains(unescape(malformed.group(2)));
            });
        } else {
            throw new IllegalArgumentException("not an expected row: " + expected);
        }
    }

    /** {@code col=value, col=value}: a pair starts after ", " with a column name (no spaces, maybe commas) and "=". */
    private static Map<String, String> values(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split(", (?=[^=\\s,]+(?:,[^=\\s,]+)*=)", -1)) {
            int eq = pair.indexOf('=');
            values.put(unescape(pair.substring(0, eq)), unescape(pair.substring(eq + 1)));
        }
        return values;
    }

    private static ExtractOptions options(String text) {
        ExtractOptions options = ExtractOptions.defaults();
        for (String option : text.isEmpty() ? new String[0] : text.split(",")) {
            String[] kv = option.trim().split("=", 2);
            options = switch (kv[0]) {
                case "delimiter" -> options.withDelimiter(kv[1].charAt(0));
                case "trim" -> options.withTrimValues(Boolean.parseBoolean(kv[1]));
                default -> throw new IllegalArgumentException("unknown option " + kv[0]);
            };
        }
        return options;
    }

    /**
     * Splits on {@code separator}; an escaped pipe ({@code \\|}) never has the space before it that a separator has.
     */
    private static List<String> split(String line, String separator) {
        return List.of(line.split(Pattern.quote(separator), -1));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
