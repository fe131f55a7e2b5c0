package io.entrasync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The HR API spool format: what is written is read back record for record, malformed entries included. */
class JsonLinesRecordSourceTest {

    @Test
    void recordsAndMalformedEntriesRoundTripWithTheirPositionAndLocation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesRecordSource.Writer writer = new JsonLinesRecordSource.Writer(bytes)) {
            writer.record(1, "page 1, record 1", Map.of("userId", "u1", "address.city", "Zürich",
                    "note", "two\nlines, \"quoted\""));
            writer.malformed(2, "page 1, record 2", "source 'sf', page 1, record 2: no 'userId'", Map.of());
            writer.malformed(3, "page 2, record 1", "source 'sf', page 2, record 1: details gone", Map.of("userId",
                    "u3"));
            writer.record(4, "page 2, record 2", Map.of("userId", "  u4  "));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(4);

        List<SourceRow> rows = new ArrayList<>();
        ExtractInput input = ExtractInput.ofBytes("sf/api-1.jsonl", bytes.toByteArray());
        assertThat(input.format()).isEqualTo(ExtractFormat.JSONL);
        try (ExtractReader reader = ExtractReader.open(input)) {
            assertThat(reader.columns()).as("no common header").isEmpty();
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }

        assertThat(rows).hasSize(4);
        SourceRecord first = ((SourceRow.Parsed) rows.get(0)).record();
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.location()).isEqualTo("page 1, record 1");
        assertThat(first.values()).containsEntry("address.city", "Zürich")
                .containsEntry("note", "two\nlines, \"quoted\"");
        SourceRow.Malformed noId = (SourceRow.Malformed) rows.get(1);
        assertThat(noId.position()).isEqualTo(2);
        assertThat(noId.location()).isEqualTo("page 1, record 2");
        assertThat(noId.reason()).startsWith("source 'sf', page 1, record 2:");
        assertThat(((SourceRow.Malformed) rows.get(2)).partialValues()).containsEntry("userId", "u3");
        assertThat(((SourceRow.Parsed) rows.get(3)).record().get("userId")).as("values are trimmed by default")
                .isEqualTo("u4");
    }

    @Test
    void aDamagedLineBecomesAMalformedRowNamingIt() {
        byte[] spool = """
                {"position":1,"location":"page 1, record 1","values":{"userId":"u1"}}
                {"position":2,"locat
                """.getBytes(StandardCharsets.UTF_8);

        try (ExtractReader reader = ExtractReader.open(ExtractInput.ofBytes("sf/api-2.jsonl", spool))) {
            assertThat(reader.next()).isInstanceOf(SourceRow.Parsed.class);
            SourceRow broken = reader.next();
            assertThat(broken).isInstanceOf(SourceRow.Malformed.class);
            assertThat(((SourceRow.Malformed) broken).reason()).contains("sf/api-2.jsonl, line 2");
            assertThat(reader.next()).isNull();
        }
    }
}
