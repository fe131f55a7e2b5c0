package io.entrasync.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.source.SourceRecord;

/** The first pass's memory of candidate 0: used for namesakes, never when the expression reads more than names. */
class FirstCandidateMemoTest {

    @Test
    void namesakesShareOneEvaluationAndGetTheSameValueAsWithoutMemory() {
        Mapping mapping = mapping("=lower(row.First + \".\" + row.Last) + \"@contoso.com\"");
        FirstCandidateMemo memo = new FirstCandidateMemo(mapping, mapping.uniqueRules().get(0));

        assertThat(memo.first(record("E1", "Anna", "Schmidt"))).isEqualTo("anna.schmidt@contoso.com");
        assertThat(memo.first(record("E2", "Anna", "Schmidt"))).isEqualTo("anna.schmidt@contoso.com");
        assertThat(memo.first(record("E3", "Anna", "Schmidtt"))).isEqualTo("anna.schmidtt@contoso.com");
        // "An" + "naSchmidt" must not be taken for "Anna" + "Schmidt"
        assertThat(memo.first(record("E4", "An", "na.Schmidt"))).isEqualTo("an.na.schmidt@contoso.com");
        assertThat(memo.hits()).isEqualTo(1);
    }

    @Test
    void anEmptyCandidateIsRememberedAsEmpty() {
        Mapping mapping = mapping("=row.First == \"\" ? \"\" : lower(row.First) + \"@contoso.com\"");
        FirstCandidateMemo memo = new FirstCandidateMemo(mapping, mapping.uniqueRules().get(0));

        assertThat(memo.first(record("E1", "", "Schmidt"))).isNull();
        assertThat(memo.first(record("E2", "", "Schmidt"))).isNull();
        assertThat(memo.hits()).isEqualTo(1);
    }

    @Test
    void anExpressionThatReadsTheRowAsAWholeIsEvaluatedEveryTime() {
        Mapping mapping = mapping("=lower(row.First) + string(row.size()) + \"@contoso.com\"");
        FirstCandidateMemo memo = new FirstCandidateMemo(mapping, mapping.uniqueRules().get(0));

        assertThat(memo.first(record("E1", "Anna", "Schmidt"))).isEqualTo("anna3@contoso.com");
        assertThat(memo.first(new SourceRecord(2, "line 2", Map.of("Id", "E2", "First", "Anna"))))
                .isEqualTo("anna2@contoso.com");
        assertThat(memo.hits()).isZero();
    }

    @Test
    void aMappingWhoseOtherAttributesReadTheDateStillUsesTheMemory() {
        Mapping mapping = MappingLoader.parse("""
                user:
                  externalId: Id
                  active: '=row.Last < today'
                  userName: '=lower(row.First) + "@contoso.com"'
                unique:
                  userName:
                    counter: before @
                """, "memo.yaml");
        FirstCandidateMemo memo = new FirstCandidateMemo(mapping, mapping.uniqueRules().get(0));

        memo.first(record("E1", "Anna", "Schmidt"));
        memo.first(record("E2", "Anna", "Berg"));
        assertThat(mapping.dependsOnTime()).isTrue();
        assertThat(memo.hits()).isEqualTo(1);
    }

    private static Mapping mapping(String userName) {
        return MappingLoader.parse("""
                user:
                  externalId: Id
                  active: {const: true}
                  userName: '%s'
                unique:
                  userName:
                    counter: before @
                """.formatted(userName), "memo.yaml");
    }

    private static SourceRecord record(String id, String first, String last) {
        return new SourceRecord(1, "line 1", Map.of("Id", id, "First", first, "Last", last));
    }
}
