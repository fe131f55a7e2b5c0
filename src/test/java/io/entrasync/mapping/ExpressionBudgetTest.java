package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrasync.source.SourceRecord;

/** CEL within a budget (issue 14): an expression that grows with the data costs one rejection, not the heap. */
class ExpressionBudgetTest {

    private static final String BASE = """
            user:
              externalId: WorkerID
              userName: UPN
              active: =true
            """;

    @Test
    void chainedReplaceOfTheWholeNameIsRejectedWithItsReasonAndWarnedAboutAtLoad() {
        Mapping mapping = MappingLoader.load(Path.of("src/test/resources/hostile/growing-mapping.yaml"));

        assertThat(mapping.warnings()).singleElement().asString().contains("user.displayName")
                .contains("can grow with the data");
        MappingResult result = mapping.map(record("1001", "a@contoso.com", "Twenty Characters Ab"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("displayName");
            assertThat(error.reason()).isEqualTo(RejectionReason.TOO_LONG);
            assertThat(error.message()).contains("replace() would build a text of")
                    .contains("more than the limit of 65536");
        });
    }

    @Test
    void aValueLongerThanTheAttributeCanHoldIsRejected() {
        Mapping mapping = MappingLoader.parse(BASE + "  displayName: =row.Name + row.Name\n", "m.yaml");

        MappingResult result = mapping.map(record("1001", "a@contoso.com", "n".repeat(600)));

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.reason()).isEqualTo(RejectionReason.TOO_LONG);
            assertThat(error.message()).contains("1200 characters, more than the 1024")
                    .contains("options.maxValueLength");
        });
        assertThat(MappingLoader.parse("options:\n  maxValueLength: 2000\n" + BASE
                + "  displayName: =row.Name + row.Name\n", "m.yaml").map(record("1001", "a@contoso.com",
                "n".repeat(600))).isValid()).isTrue();
    }

    @Test
    void boundedReplaceAndJoinBehaveLikeCelsOwn() {
        Mapping mapping = MappingLoader.parse(BASE + """
                  displayName: =row.Name.replace(" ", "_").replace("a", "A", 1)
                  title: =row.Name.split(" ").join("-")
                  nickName: =["x", "y"].join()
                  profileUrl: =row.Name.replace("", "|")
                """, "m.yaml");

        MappingResult result = mapping.map(record("1001", "a@contoso.com", "ana maria"));

        assertThat(result.user().data().path("displayName").asText()).isEqualTo("Ana_maria");
        assertThat(result.user().data().path("title").asText()).isEqualTo("ana-maria");
        assertThat(result.user().data().path("nickName").asText()).isEqualTo("xy");
        assertThat(result.user().data().path("profileUrl").asText()).isEqualTo("|a|n|a| |m|a|r|i|a|");
        assertThat(mapping.warnings()).singleElement().asString().contains("user.profileUrl");
    }

    private static SourceRecord record(String id, String upn, String name) {
        return new SourceRecord(2, "line 2", Map.of("WorkerID", id, "UPN", upn, "Name", name, "Status",
                "Active"));
    }
}
