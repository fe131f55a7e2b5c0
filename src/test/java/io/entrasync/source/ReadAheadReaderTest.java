package io.entrasync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReadAheadReaderTest {

    @Test
    void deliversEveryRowInOrderAcrossChunks() {
        StringBuilder csv = new StringBuilder("id,name\n");
        int rows = ReadAheadReader.CHUNK * 5 + 17;
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        List<Long> positions = new ArrayList<>();
        try (ExtractReader reader = ReadAheadReader.of(ExtractReader.open(ExtractInput.ofBytes("t.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8))), "t.csv")) {
            assertThat(reader.columns()).containsExactly("id", "name");
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                positions.add(row.position());
            }
            assertThat(reader.next()).isNull();
        }
        assertThat(positions).hasSize(rows).first().isEqualTo(2L);
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aReadFailureReachesTheCallerAfterTheRowsBeforeIt() {
        // More rows than the text sniffer's sample, so the failure comes after rows were read, not at open.
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int i = 1; rows.length() <= 2 * TextSniffer.SAMPLE; i++) {
            rows.append(i).append(",a\n");
        }
        byte[] head = rows.toString().getBytes(StandardCharsets.UTF_8);
        ExtractInput failing = ExtractInput.of("broken.csv", () -> new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next < head.length) {
                    return head[next++];
                }
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (next >= head.length) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(length, head.length - next);
                System.arraycopy(head, next, buffer, offset, n);
                next += n;
                return n;
            }
        });
        try (ExtractReader reader = ReadAheadReader.of(ExtractReader.open(failing), "broken.csv")) {
            assertThatThrownBy(() -> {
                while (reader.next() != null) {
                    // drain
                }
            }).isInstanceOf(ExtractException.class).hasMessageContaining("connection reset");
        }
    }

    @Test
    void closingEarlyStopsTheReaderThread() {
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append('\n');
        }
        ExtractReader reader = ReadAheadReader.of(ExtractReader.open(ExtractInput.ofBytes("t.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8))), "t.csv");
        assertThat(reader.next()).isNotNull();
        reader.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("read-ahead t.csv"));
    }

    @Test
    void aSelectiveReadCarriesOnlyTheChosenColumnsButChecksEveryRow() {
        byte[] csv = "id,name,city\n1,Ann,Oslo\n2,Bob\n\n3,Cy,Rome\n".getBytes(StandardCharsets.UTF_8);
        List<SourceRow> rows = new ArrayList<>();
        try (ExtractReader reader = ExtractReader.open(ExtractInput.ofBytes("t.csv", csv), Set.of("city"))) {
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        assertThat(rows).hasSize(3);
        SourceRecord first = ((SourceRow.Parsed) rows.get(0)).record();
        assertThat(first.get("city")).isEqualTo("Oslo");
        assertThat(first.get("name")).isNull();
        assertThat(rows.get(1)).isInstanceOf(SourceRow.Malformed.class);
    }
}
