package io.entrasync.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one rule for outside text on a console or in a log (issue 29). */
class PrintableTest {

    @Test
    void aForgedLogLineAndATerminalTitleSequenceStayOnOneInertLine() {
        String message = "Invalid\n2026-12-07 00:00:00,000 INFO  [x] (main) FORGED LINE\r \u001b]0;pwned\u0007\tend";

        assertThat(Printable.escape(message)).isEqualTo("Invalid\\n2026-12-07 00:00:00,000 INFO  [x] (main) FORGED"
                + " LINE\\r \\u001B]0;pwned\\u0007\\tend");
    }

    @Test
    void c1ControlsDelSeparatorsAndFormatCharactersAreEscapedAndOrdinaryTextIsLeftAlone() {
        assertThat(Printable.escape("x\u0085y\u009b\u007f\u2028\u2029"))
                .isEqualTo("x\\u0085y\\u009B\\u007F\\u2028\\u2029");
        assertThat(Printable.escape("s3/x\u202evsc.exe \u2066a\u2069 \u200bb\u200f \u2060\ufeff"))
                .isEqualTo("s3/x\\u202Evsc.exe \\u2066a\\u2069 \\u200Bb\\u200F \\u2060\\uFEFF");
        String ordinary = "Jürgen O'Brien – 山田 \\ C:\\hr\\w.csv \uD83D\uDE00";
        assertThat(Printable.escape(ordinary)).isSameAs(ordinary);
        assertThat(Printable.escape(null)).isNull();
    }
}
