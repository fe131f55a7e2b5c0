package io.entrasync.text;

import java.util.Locale;

/**
 * The one rule for showing text that came from outside on a console, in a log line or in a message: every character
 * that could forge a line, move the cursor, retitle the terminal or reorder what a person reads is written as an
 * escape instead. Those are the C0 controls (with CR, LF and ESC), DEL, the C1 controls (U+0080 to U+009F, with
 * U+0085 NEL), the line and paragraph separators U+2028/U+2029 and the Unicode format characters (bidi embeddings,
 * overrides and isolates U+202A to U+202E and U+2066 to U+2069, zero-width U+200B to U+200F, U+2060, U+FEFF, ...).
 * LF, CR and tab show as {@code \n}, {@code \r}, {@code \t}, the others as <code>&#92;u001B</code>, so
 * {@code "x\n2026-12-07 INFO FORGED"} stays on one line and an {@code ESC ]0;title BEL} sequence is inert.
 */
public final class Printable {

    private Printable() {
    }

    /** {@code text} with each unsafe character escaped; {@code null} stays {@code null}. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c)) {
                shown.append(c);
            } else if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\t') {
                shown.append("\\t");
            } else {
                shown.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return shown.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether {@code c} must not be shown raw: a C0 or C1 control, DEL, a line or paragraph separator or a format
     * character (Unicode category Cf: bidi controls, zero-width characters, the byte-order mark, soft hyphen).
     */
    public static boolean isUnsafe(char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
