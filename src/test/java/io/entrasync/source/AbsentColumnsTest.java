package io.entrasync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.mapping.MappingResult;

/**
 * A field an HR API record lacks is empty text to the mapping, as a CSV column without a value (docs/mapping.md): an
 * expression reading it and a plain column mapping of it both see {@code ""}.
 */
class AbsentColumnsTest {

    private static final Mapping MAPPING = MappingLoader.parse("""
            user:
              externalId: id
              userName: email
              active: '=row.status != "inactive"'
              displayName: '=row.nickName == "" ? row["name.given"] : row.nickName'
              title: title
            """, "absent-test.yaml");

    /** An API record without nickName, status and title (JSON absent or null: the flattener drops both). */
    private static final SourceRow RECORD = new SourceRow.Parsed(new SourceRecord(1, "page 1, record 1",
            Map.of("id", "E1", "email", "e1@acme.example", "name.given", "Ann")));

    private static MappingResult map(SourceRow row) {
        return MAPPING.map(((SourceRow.Parsed) row).record());
    }

    @Test
    void withoutTheRuleAnExpressionOverAnAbsentFieldRejectsTheRecord() {
        assertThat(map(RECORD).isValid()).isFalse();
    }

    @Test
    void anAbsentFieldIsEmptyTextToExpressionsAndPlainColumns() {
        SourceRow completed = AbsentColumns.asEmpty(RECORD, MAPPING.columns());

        MappingResult result = map(completed);

        assertThat(result.errors()).isEmpty();
        assertThat(result.user().data().get("displayName").asText()).isEqualTo("Ann");
        assertThat(result.user().data().get("active").asBoolean()).isTrue();
        assertThat(result.user().data().has("title")).as("an empty plain column sends nothing, as in a CSV").isFalse();
        assertThat(((SourceRow.Parsed) completed).record().values())
                .containsEntry("nickName", "").containsEntry("title", "").doesNotContainKey("other");
    }

    @Test
    void aValueTheApiSentIsKeptAndAMalformedRowIsLeftAsItIs() {
        SourceRow nick = new SourceRow.Parsed(new SourceRecord(2, "page 1, record 2", Map.of("id", "E2",
                "email", "e2@acme.example", "nickName", "Bo", "status", "inactive")));
        SourceRow broken = new SourceRow.Malformed(3, "page 1, record 3", "no id", Map.of());

        MappingResult result = map(AbsentColumns.asEmpty(nick, MAPPING.columns()));

        assertThat(result.user().data().get("displayName").asText()).isEqualTo("Bo");
        assertThat(result.user().data().get("active").asBoolean()).isFalse();
        assertThat(AbsentColumns.asEmpty(broken, MAPPING.columns())).isSameAs(broken);
    }
}
