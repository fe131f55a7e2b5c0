package io.entrasync.sync.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.azure.storage.blob.BlobServiceClientBuilder;

import io.entrasync.source.ExtractFormat;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractOptions;
import io.entrasync.source.JsonLinesRecordSource;
import io.entrasync.source.SourceRow;
import io.entrasync.state.BlobStateStore;
import io.entrasync.support.TestAzurite;

/**
 * Records waiting for a reference, read by read against Azurite: kept until the spool that sent them has a
 * completed run (a failed one leaves them waiting), and no more than the limit.
 */
class WaitingRecordsTest {

    private static final String SOURCE = "hr";
    private static final ReferenceRules RULES = ReferenceRules.of(SOURCE, Optional.of(List.of("manager.value=id")),
            List.of(), Optional.of("externalId"));

    private final BlobStateStore state = new BlobStateStore(new BlobServiceClientBuilder()
            .connectionString(TestAzurite.connectionString()).buildClient()
            .getBlobContainerClient("waiting-" + UUID.randomUUID().toString().substring(0, 8)));
    private final ReferenceIndexStore store = new ReferenceIndexStore(state);

    @TempDir
    Path dir;

    private static Map<String, String> person(String id, String externalId, String managerId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("externalId", externalId);
        values.put("manager.value", managerId == null ? "" : managerId);
        return values;
    }

    /** One read through {@link ReadReferences}, as the spooler does it; the spool's entries. */
    @SafeVarargs
    private List<SourceRow> read(boolean complete, Map<String, String>... people) throws IOException {
        Path raw = Files.createTempFile(dir, "read-", ".jsonl");
        Path spool = Files.createTempFile(dir, "spool-", ".jsonl");
        ReadReferences references = new ReadReferences(SOURCE, RULES, store);
        try (OutputStream file = Files.newOutputStream(raw);
             JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(file)) {
            for (int i = 0; i < people.length; i++) {
                references.see(people[i]);
                out.record(i + 1, "page 1, record " + (i + 1), people[i]);
            }
        }
        references.translate(raw, spool, ExtractOptions.defaults(), complete);
        return rows(spool);
    }

    private static List<SourceRow> rows(Path spool) {
        List<SourceRow> rows = new ArrayList<>();
        try (JsonLinesRecordSource in = JsonLinesRecordSource.open(ExtractInput.ofFile("spool.jsonl", spool,
                ExtractOptions.defaults().withFormat(ExtractFormat.JSONL)))) {
            for (SourceRow row = in.next(); row != null; row = in.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static Map<String, String> sent(SourceRow row) {
        assertThat(row).isInstanceOf(SourceRow.Parsed.class);
        return ((SourceRow.Parsed) row).record().values();
    }

    @Test
    void aRecordSentForItsReferenceWaitsUntilTheRunOfItsSpoolCompleted() throws IOException {
        List<SourceRow> first = read(true, person("u1", "E1", "boss"));
        assertThat(first).singleElement().isInstanceOf(SourceRow.Malformed.class);

        List<SourceRow> second = read(false, person("boss", "E0", null));
        assertThat(second).hasSize(2);
        assertThat(sent(second.get(1))).containsEntry("externalId", "E1").containsEntry("manager.value", "E0");
        assertThat(second.get(1).position()).as("after the read's own").isEqualTo(2);

        // the run of that spool failed (no confirmation): the next read sends E1 again
        List<SourceRow> third = read(false, person("u5", "E5", null));
        assertThat(third).hasSize(2);
        assertThat(sent(third.get(1))).containsEntry("externalId", "E1").containsEntry("manager.value", "E0");

        store.waiting().confirmSent(SOURCE);
        assertThat(state.read(WaitingRecordsStore.pathOf(SOURCE))).isEmpty();
        assertThat(read(false, person("u6", "E6", null))).singleElement()
                .satisfies(row -> assertThat(sent(row)).containsEntry("externalId", "E6"));
    }

    @Test
    void aReadOfNothingLeavesTheWaitingRecordsAsTheyWere() throws IOException {
        read(true, person("u1", "E1", "boss"));

        assertThat(read(false)).isEmpty();

        assertThat(store.waiting().load(SOURCE).records()).singleElement()
                .satisfies(record -> assertThat(record.reads()).isEqualTo(1));
    }

    @Test
    void noMoreThanTheLimitWaitAndTheOneBeyondIsToldSo() throws IOException {
        Path raw = Files.createTempFile(dir, "read-", ".jsonl");
        Path spool = Files.createTempFile(dir, "spool-", ".jsonl");
        try (OutputStream file = Files.newOutputStream(raw);
             JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(file)) {
            out.record(1, "page 1, record 1", person("u1", "E1", "boss"));
            out.record(2, "page 1, record 2", person("u2", "E2", "boss"));
        }
        WaitingRecords waiting = new WaitingRecords(1);

        ReferenceTranslation.Result result = new ReferenceTranslation(SOURCE, RULES, new ReferenceIndex(RULES))
                .rewrite(raw, spool, ExtractOptions.defaults(), waiting);

        assertThat(result.unresolved()).isEqualTo(2);
        assertThat(waiting.records()).extracting(WaitingRecord::id).containsExactly("E1");
        List<SourceRow> rows = rows(spool);
        assertThat(((SourceRow.Malformed) rows.get(0)).reason()).contains("It is kept");
        assertThat(((SourceRow.Malformed) rows.get(1)).reason())
                .contains("More than 1 records of this source already wait for a reference, so this one is not kept")
                .contains("sync --source hr --full");
    }
}
