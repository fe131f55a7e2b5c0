package io.entrasync.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingException;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.mapping.RejectionReason;
import io.entrasync.source.ExtractException;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractReader;
import io.entrasync.source.SourceRecord;
import io.entrasync.source.SourceRow;
import org.junit.jupiter.api.Test;

class ExtractPipelineTest {

    private static final Mapping MAPPING = MappingLoader.parse("""
            user:
              externalId: Id
              userName: Upn
              active: =row.Status == "A"
              emails:
                - {type: work, value: Mail}
            enterprise:
              manager: Boss
            """, "test.yaml");

    @Test
    void everyRecordEndsInExactlyOneOutcomeInSourceOrder() {
        String csv = """
                Id,Upn,Status,Mail,Boss
                1,ann@x.com,A,ann@x.com,
                2,bob@x.com,T,,1
                3,,A,,1
                4,di@x.com,A,not-an-email,1
                5,ed@x.com,A
                6,fay@x.com,A,fay@x.com,4
                """;
        List<ExtractOutcome> outcomes = new ArrayList<>();
        ExtractSummary summary = ExtractPipeline.process(input(csv), MAPPING, outcomes::add);
        assertThat(outcomes).extracting(ExtractOutcome::position).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(outcomes).extracting(ExtractOutcome::externalId).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(outcomes).extracting(o -> o instanceof ExtractOutcome.Valid)
                .containsExactly(true, true, false, false, false, true);
        assertThat(rejected(outcomes.get(2)).errors()).singleElement().extracting(FieldError::field, FieldError::reason)
                .containsExactly("userName", RejectionReason.MISSING_USER_NAME);
        assertThat(rejected(outcomes.get(3)).errors()).singleElement().extracting(FieldError::reason)
                .isEqualTo(RejectionReason.INVALID_EMAIL);
        assertThat(rejected(outcomes.get(4))).satisfies(malformed -> {
            assertThat(malformed.field()).isEqualTo("row");
            assertThat(malformed.reason()).isEqualTo(RejectionReason.MALFORMED_ROW);
            assertThat(malformed.location()).isEqualTo("line 6");
        });
        ExtractOutcome.Valid bob = (ExtractOutcome.Valid) outcomes.get(1);
        assertThat(bob.user().data().get("active").booleanValue()).isFalse();
        assertThat(bob.user().managerExternalId()).contains("1");
        assertThat(summary.recordsRead()).isEqualTo(6);
        assertThat(summary.valid()).isEqualTo(3);
        assertThat(summary.rejected()).isEqualTo(3);
        assertThat(summary.rejectedByReason()).containsExactly(
                Map.entry(RejectionReason.MALFORMED_ROW, 1L),
                Map.entry(RejectionReason.MISSING_USER_NAME, 1L),
                Map.entry(RejectionReason.INVALID_EMAIL, 1L));
        assertThat(summary.describe()).contains("6 records read, 3 valid, 3 rejected", "missing userName: 1");
    }

    @Test
    void recordsSharingAnExternalIdAreAllRejectedEachNamingTheOthers() {
        String csv = """
                Id,Upn,Status,Mail,Boss
                7,ann@x.com,A,,
                8,bob@x.com,A,,
                7,cy@x.com,A,,
                9,di@x.com,A,,

                7,ed@x.com,A,,
                8,fay@x.com,A,bad,
                """;
        List<ExtractOutcome> outcomes = new ArrayList<>();
        ExtractSummary summary = ExtractPipeline.process(input(csv), MAPPING, outcomes::add);
        assertThat(outcomes).extracting(o -> o instanceof ExtractOutcome.Valid)
                .containsExactly(false, false, false, true, false, false);
        assertThat(rejected(outcomes.get(0)).errors().get(0)).satisfies(error -> {
            assertThat(error.field()).isEqualTo("externalId");
            assertThat(error.reason()).isEqualTo(RejectionReason.DUPLICATE_EXTERNAL_ID);
            assertThat(error.message()).startsWith("externalId '7' is also on lines 4, 7; none of these 3 records");
        });
        assertThat(rejected(outcomes.get(2)).errors().get(0).message())
                .startsWith("externalId '7' is also on lines 2, 7;");
        assertThat(rejected(outcomes.get(4)).errors().get(0).message())
                .startsWith("externalId '7' is also on lines 2, 4;");
        assertThat(rejected(outcomes.get(1)).errors().get(0).message()).startsWith("externalId '8' is also on line 8;");
        assertThat(rejected(outcomes.get(5)).errors()).extracting(FieldError::reason)
                .containsExactly(RejectionReason.DUPLICATE_EXTERNAL_ID, RejectionReason.INVALID_EMAIL);
        assertThat(summary.duplicatedExternalIds()).isEqualTo(2);
        assertThat(summary.rejectedByReason()).containsEntry(RejectionReason.DUPLICATE_EXTERNAL_ID, 5L)
                .containsEntry(RejectionReason.INVALID_EMAIL, 1L);
    }

    @Test
    void aRecordWithoutExternalIdIsRejectedAndNotCountedAsADuplicate() {
        String csv = "Id,Upn,Status,Mail,Boss\n,ann@x.com,A,,\n,bob@x.com,A,,\n";
        List<ExtractOutcome> outcomes = new ArrayList<>();
        ExtractPipeline.process(input(csv), MAPPING, outcomes::add);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(rejected(outcome).errors()).singleElement()
                .extracting(FieldError::reason).isEqualTo(RejectionReason.MISSING_EXTERNAL_ID));
    }

    @Test
    void aMappingThatNamesAMissingColumnFailsBeforeAnyOutcome() {
        AtomicInteger outcomes = new AtomicInteger();
        assertThatThrownBy(() -> ExtractPipeline.process(input("Id,Upn,Stat,Mail,Boss\n1,a@x.com,A,,\n"), MAPPING,
                o -> outcomes.incrementAndGet()))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("column 'Status' is not in the header of test.csv; did you mean 'Stat'?");
        assertThat(outcomes).hasValue(0);
    }

    @Test
    void anExtractThatChangesBetweenThePassesFailsTheRun() {
        byte[][] versions = {
                "Id,Upn,Status,Mail,Boss\n1,a@x.com,A,,\n".getBytes(StandardCharsets.UTF_8),
                "Id,Upn,Status,Mail,Boss\n1,a@x.com,A,,\n2,b@x.com,A,,\n".getBytes(StandardCharsets.UTF_8)};
        AtomicInteger opened = new AtomicInteger();
        ExtractInput changing = ExtractInput.of("blob.csv",
                () -> new ByteArrayInputStream(versions[Math.min(opened.getAndIncrement(), 1)]));
        assertThatThrownBy(() -> ExtractPipeline.process(changing, MAPPING, o -> { }))
                .isInstanceOf(ExtractException.class).hasMessageContaining("changed while it was being read");
    }

    @Test
    void progressIsReportedForBothPasses() {
        StringBuilder csv = new StringBuilder("Id,Upn,Status,Mail,Boss\n");
        for (int i = 0; i < 25_000; i++) {
            csv.append(i).append(",u").append(i).append("@x.com,A,,\n");
        }
        List<String> seen = new ArrayList<>();
        ExtractPipeline.process(input(csv.toString()), MAPPING, o -> { },
                (pass, records, total) -> seen.add(pass + " " + records + "/" + total));
        assertThat(seen).containsExactly("INDEX 10000/-1", "INDEX 20000/-1", "MAP 10000/25000", "MAP 20000/25000",
                "MAP 25000/25000");
    }

    @Test
    void anyReopenableSourceOfRecordsCanBeProcessedEvenWithoutAHeader() {
        List<SourceRecord> records = List.of(
                new SourceRecord(1, "page 1, record 1", Map.of("Id", "1", "Upn",
                        "a@x.com", "Status", "A", "Mail", "", "Boss", "")),
                new SourceRecord(2, "page 1, record 2", Map.of("Id", "1", "Upn",
                        "b@x.com", "Status", "A", "Mail", "", "Boss", "")),
                new SourceRecord(3, "page 2, record 1", Map.of("Id", "3", "Upn",
                        "c@x.com")));
        ExtractPipeline.ReaderOpener opener = onlyColumns -> new ExtractReader() {
            private int next;

            @Override
            public List<String> columns() {
                return List.of();
            }

            @Override
            public String describeEncoding() {
                return "HR API";
            }

            @Override
            public SourceRow next() {
                return next < records.size() ? new SourceRow.Parsed(records.get(next++)) : null;
            }

            @Override
            public void close() {
            }
        };
        List<ExtractOutcome> outcomes = new ArrayList<>();
        ExtractSummary summary = ExtractPipeline.process("hr-api", opener, MAPPING, outcomes::add,
                ProgressListener.NONE);
        assertThat(summary.recordsRead()).isEqualTo(3);
        assertThat(rejected(outcomes.get(0)).location()).isEqualTo("page 1, record 1");
        assertThat(rejected(outcomes.get(1)).errors().get(0).message()).startsWith("externalId '1' is also on line 1");
        assertThat(rejected(outcomes.get(2)).errors()).extracting(FieldError::reason)
                .containsExactly(RejectionReason.EXPRESSION_FAILED);
    }

    private static RejectedRecord rejected(ExtractOutcome outcome) {
        assertThat(outcome).isInstanceOf(ExtractOutcome.Rejected.class);
        return ((ExtractOutcome.Rejected) outcome).record();
    }

    private static ExtractInput input(String csv) {
        return ExtractInput.ofBytes("test.csv", csv.getBytes(StandardCharsets.UTF_8));
    }
}
