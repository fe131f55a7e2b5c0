package io.entrasync.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.mapping.RejectionReason;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractReader;

/** Unique values (docs/mapping.md, "Unique values"): stable, independent of row order, leavers free nothing. */
class UniqueValuesTest {

    private static final Mapping MAPPING = MappingLoader.parse("""
            user:
              externalId: Id
              active: {const: true}
              userName: =lower(row.First + "." + row.Last) + "@contoso.com"
              emails:
                - {type: work, value: '=lower(row.First + "." + row.Last) + "@contoso.com"'}
            unique:
              userName:
                then:
                  - '=row.Middle == "" ? "" : lower(row.First + "." + row.Middle + "." + row.Last) + "@contoso.com"'
                counter: before @
            """, "unique.yaml");

    @Test
    void namesakesGetTheNextCandidateInExternalIdOrderWhateverTheRowOrder() {
        String header = "Id,First,Last,Middle\n";
        String[] rows = {"E3,Anna,Schmidt,m\n", "E1,Anna,Schmidt,\n", "E2,Anna,Schmidt,k\n", "E4,Bo,Berg,\n"};
        Map<String, String> forward = userNames(header + rows[0] + rows[1] + rows[2] + rows[3], new UniqueClaims());
        Map<String, String> backward = userNames(header + rows[3] + rows[2] + rows[1] + rows[0], new UniqueClaims());

        assertThat(forward).containsEntry("E1", "anna.schmidt@contoso.com")
                .containsEntry("E2", "anna.k.schmidt@contoso.com")
                .containsEntry("E3", "anna.m.schmidt@contoso.com")
                .containsEntry("E4", "bo.berg@contoso.com");
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void aPersonKeepsTheirValueAcrossRunsAndALeaverFreesNothing() {
        UniqueClaims claims = new UniqueClaims();
        String header = "Id,First,Last,Middle\n";
        userNames(header + "E5,Anna,Schmidt,\nE6,Anna,Schmidt,\n", claims);
        // E5 leaves; a new namesake E1 sorts before E6 but must not take E5's or E6's value
        Map<String, String> second = userNames(header + "E6,Anna,Schmidt,\nE1,Anna,Schmidt,\n", claims);
        Map<String, String> third = userNames(header + "E1,Anna,Schmidt,\nE6,Anna,Schmidt,\n", claims);

        assertThat(second).containsEntry("E6", "anna.schmidt2@contoso.com")
                .containsEntry("E1", "anna.schmidt3@contoso.com");
        assertThat(third).isEqualTo(second);
    }

    @Test
    void theValueIsCaseBlindAndTheCounterSkipsTakenNumbers() {
        UniqueClaims claims = new UniqueClaims();
        Map<String, String> names = userNames("""
                Id,First,Last,Middle
                A1,anna,schmidt2,
                A2,Anna,Schmidt,
                A3,ANNA,SCHMIDT,
                """, claims);
        assertThat(names).containsEntry("A1", "anna.schmidt2@contoso.com")
                .containsEntry("A2", "anna.schmidt@contoso.com")
                .containsEntry("A3", "anna.schmidt3@contoso.com");
    }

    @Test
    void theValueSentIsTheAssignedOneAndTheCollisionsAreSummarised() {
        List<ExtractOutcome> outcomes = new ArrayList<>();
        ExtractSummary summary = ExtractPipeline.process(input("""
                Id,First,Last,Middle
                E2,Anna,Schmidt,
                E1,Anna,Schmidt,
                """), MAPPING, new UniqueClaims(), outcomes::add, ProgressListener.NONE);

        ExtractOutcome.Valid second = (ExtractOutcome.Valid) outcomes.get(0);
        assertThat(second.user().data().get("userName").asText()).isEqualTo("anna.schmidt2@contoso.com");
        assertThat(summary.unique()).singleElement().satisfies(unique -> {
            assertThat(unique.assigned()).isEqualTo(2);
            assertThat(unique.displaced()).isEqualTo(1);
            assertThat(unique.notes()).singleElement().asString().contains("line 2", "'anna.schmidt@contoso.com' "
                    + "goes to externalId E1 (line 3)", "gets 'anna.schmidt2@contoso.com'");
        });
        assertThat(summary.describe()).contains("unique userName: 0 kept, 2 given now, 1 of them not their first");
    }

    @Test
    void withoutCounterAPersonWhoseCandidatesAreTakenIsRejectedForTheMappingOwner() {
        Mapping noCounter = MappingLoader.parse("""
                user:
                  externalId: Id
                  active: {const: true}
                  userName: Upn
                unique:
                  userName:
                    then: [Alt]
                """, "no-counter.yaml");
        List<ExtractOutcome> outcomes = new ArrayList<>();
        ExtractPipeline.process(input("Id,Upn,Alt\n1,a@x.com,b@x.com\n2,a@x.com,b@x.com\n3,A@X.COM,B@X.COM\n"),
                noCounter, new UniqueClaims(), outcomes::add, ProgressListener.NONE);

        assertThat(outcomes.get(0)).isInstanceOf(ExtractOutcome.Valid.class);
        assertThat(((ExtractOutcome.Valid) outcomes.get(1)).user().data().get("userName").asText())
                .isEqualTo("b@x.com");
        FieldError error = ((ExtractOutcome.Rejected) outcomes.get(2)).record().errors().get(0);
        assertThat(error.reason()).isEqualTo(RejectionReason.NOT_UNIQUE);
        assertThat(error.message()).contains("unique.userName.then", "mapping owner");
    }

    @Test
    void tenThousandNamesakesCostLinearlyManyLookups() {
        long small = lookupsFor(1_000);
        long large = lookupsFor(10_000);
        // each claimant: two listed candidates (both taken after the first two) and one counter number
        assertThat(large).isLessThanOrEqualTo(3L * 10_000);
        assertThat(large).isLessThanOrEqualTo(small * 11);
    }

    private static long lookupsFor(int namesakes) {
        StringBuilder csv = new StringBuilder("Id,First,Last,Middle\n");
        for (int i = namesakes; i > 0; i--) {
            csv.append("E").append(i).append(",Anna,Schmidt,k\n");
        }
        ExternalIdIndex ids = new ExternalIdIndex();
        UniqueValues values = new UniqueValues(MAPPING, MAPPING.uniqueRules().get(0), new UniqueClaims(), ids);
        List<String> userNames = new ArrayList<>();
        ExtractPipeline.process(input(csv.toString()), MAPPING, new UniqueClaims(), outcome ->
                userNames.add(((ExtractOutcome.Valid) outcome).user().data().get("userName").asText()),
                ProgressListener.NONE);
        assertThat(userNames).doesNotHaveDuplicates().hasSize(namesakes);
        for (int i = 1; i <= namesakes; i++) {
            String id = "E" + i;
            ids.add(id, i);
        }
        return countLookups(values, ids, namesakes);
    }

    private static long countLookups(UniqueValues values, ExternalIdIndex ids, int namesakes) {
        for (int i = 1; i <= namesakes; i++) {
            Map<String, String> row = Map.of("Id", "E" + i, "First", "Anna", "Last", "Schmidt", "Middle", "k");
            values.claim(new io.entrasync.source.SourceRecord(i, "line " + i, row), "E" + i, ids.key("E" + i));
        }
        values.assign();
        return values.lookups();
    }

    @Test
    void valuesTheDirectoryHoldsAreSkippedLookedUpOnceAndOnlyForNewValues() {
        List<String> lookedUp = new ArrayList<>();
        java.util.Set<String> held = java.util.Set.of("anna.schmidt@contoso.com", "anna.k.schmidt@contoso.com");
        DirectoryCheck directory = new DirectoryCheck() {
            @Override
            public Answer check(String attribute, String value, String externalId) {
                lookedUp.add(value);
                return held.contains(value) ? Answer.HELD : Answer.FREE;
            }

            @Override
            public int budget() {
                return 100;
            }
        };
        UniqueClaims claims = new UniqueClaims();
        String csv = "Id,First,Last,Middle\nE2,Anna,Schmidt,\nE1,Anna,Schmidt,k\n";
        Map<String, String> names = new java.util.TreeMap<>();
        List<UniqueSummary> summaries = new ArrayList<>();
        Runnable run = () -> summaries.add(ExtractPipeline.process("test.csv", only -> ExtractReader.open(input(csv),
                only), MAPPING, new ExtractPipeline.Unique(claims, directory), outcome -> names.put(
                outcome.externalId(), ((ExtractOutcome.Valid) outcome).user().data().get("userName").asText()),
                ProgressListener.NONE).unique().get(0));

        run.run();

        // E1 first (externalId order): both listed candidates are held, the counter's first number is free;
        // E2 does not look its first candidate up again: it is known to be held
        assertThat(names).containsEntry("E1", "anna.schmidt2@contoso.com")
                .containsEntry("E2", "anna.schmidt3@contoso.com");
        assertThat(lookedUp).containsExactly("anna.schmidt@contoso.com", "anna.k.schmidt@contoso.com",
                "anna.schmidt2@contoso.com", "anna.schmidt3@contoso.com");
        assertThat(summaries.get(0).describe()).contains("directory check: 2 taken in the directory by another account")
                .contains("line 3: userName 'anna.schmidt@contoso.com' is taken in the directory by another account;"
                        + " this person gets 'anna.schmidt2@contoso.com'");

        run.run(); // both keep their values: nothing new, nothing looked up
        assertThat(lookedUp).hasSize(4);
        assertThat(names).containsEntry("E1", "anna.schmidt2@contoso.com");
    }

    private static Map<String, String> userNames(String csv, UniqueClaims claims) {
        Map<String, String> names = new LinkedHashMap<>();
        ExtractPipeline.process(input(csv), MAPPING, claims, outcome -> {
            ExtractOutcome.Valid valid = (ExtractOutcome.Valid) outcome;
            String userName = valid.user().data().get("userName").asText();
            assertThat(valid.user().data().at("/emails/0/value").asText()).isNotBlank();
            names.put(valid.externalId(), userName);
        }, ProgressListener.NONE);
        return new java.util.TreeMap<>(names);
    }

    private static ExtractInput input(String csv) {
        return ExtractInput.ofBytes("test.csv", csv.getBytes(StandardCharsets.UTF_8));
    }
}
