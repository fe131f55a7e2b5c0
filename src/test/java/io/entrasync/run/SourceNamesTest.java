package io.entrasync.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Source and blob names are limited to a safe set (issue 14): no traversal into state or report folders. */
class SourceNamesTest {

    @Test
    void sourceNamesOutsideTheSafeSetAreRefusedWithTheRule() {
        for (String bad : new String[] {"..", ".", "hr/x", "hr.prod", "-hr", "", "h\u0000r", "h r", "a".repeat(64)}) {
            assertThat(SourceNames.problem(bad)).as(bad).isPresent().get().asString().contains(SourceNames.RULE);
        }
        for (String good : new String[] {"hr", "HR_prod", "sf-api", "a1", "a".repeat(63)}) {
            assertThat(SourceNames.problem(good)).as(good).isEmpty();
        }
    }

    @Test
    void blobNamesThatCouldNameAnotherPlaceAreRefused() {
        assertThat(SourceNames.blobNameProblem("hr/../lease")).get().asString().contains("'..' segment");
        assertThat(SourceNames.blobNameProblem("../hr/x.csv")).isPresent();
        assertThat(SourceNames.blobNameProblem("hr/./x.csv")).isPresent();
        assertThat(SourceNames.blobNameProblem("hr//x.csv")).isPresent();
        assertThat(SourceNames.blobNameProblem("hr\\..\\x.csv")).get().asString().contains("backslash");
        assertThat(SourceNames.blobNameProblem("hr/x\u0000.csv")).get().asString().contains("U+0000");
        assertThat(SourceNames.blobNameProblem("hr.prod/x.csv")).get().asString().contains("not a valid source");
        assertThat(SourceNames.blobNameProblem("hr/2026/11/28 workers..csv")).isEmpty();
        assertThat(SourceNames.blobNameProblem("hr/x.csv")).isEmpty();
    }

    @Test
    void aRefusedBlobIsKeptUnderANameWithoutTheUnsafeSegments() {
        assertThat(SourceNames.safeBlobName("hr/../lease")).isEqualTo("refused/hr/_/lease");
        assertThat(SourceNames.safeBlobName("../../x\u0001.csv")).isEqualTo("refused/_/_/x_.csv");
    }

    @Test
    void c1ControlsBidiOverridesAndZeroWidthCharactersAreRefusedShownEscapedAndReplaced() {
        assertThat(SourceNames.blobNameProblem("s3/x\u0085y.csv")).get().asString()
                .contains("'s3/x\\u0085y.csv'", "control character U+0085").doesNotContain("\u0085");
        assertThat(SourceNames.blobNameProblem("s3/x\u202Evsc.exe")).get().asString()
                .contains("'s3/x\\u202Evsc.exe'", "formatting character U+202E").doesNotContain("\u202E");
        for (String invisible : new String[] {"\u200B", "\u200F", "\u2060", "\uFEFF", "\u2066", "\u2069", "\u202A"}) {
            assertThat(SourceNames.blobNameProblem("s3/a" + invisible + "b.csv")).as(invisible).isPresent();
        }

        assertThat(SourceNames.safeBlobName("s3/x\u0085y.csv")).isEqualTo("refused/s3/x_y.csv");
        assertThat(SourceNames.safeBlobName("s3/x\u202Evsc.exe")).isEqualTo("refused/s3/x_vsc.exe");
        assertThat(SourceNames.safeBlobName("s3/\u200Bx\u009B.csv")).isEqualTo("refused/s3/_x_.csv");
    }
}
