package io.entrasync.source;

/**
 * Looks at the first bytes of a file meant to be text (CSV, JSON lines) and names the usual mistakes before they
 * turn into a list of mapping problems: a workbook or another binary file, or UTF-16 text without a byte-order mark
 * (what some exports write, and what UTF-8 decoding turns into a NUL after every letter).
 */
final class TextSniffer {

    static final int SAMPLE = 4096;

    private TextSniffer() {
    }

    /** Why {@code head} (the first bytes of {@code name}) is not readable text, or {@code null} when it looks fine. */
    static String problem(String name, byte[] head, int length) {
        if (length == 0) {
            return null;
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return name + " is not a text file but a zip archive (an .xlsx workbook?): give it the .xlsx extension "
                    + "or set the format to xlsx";
        }
        if (length >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && head[2] == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            return name + " is not a text file but an Excel 97-2003 (.xls) workbook: save it as .xlsx or CSV";
        }
        int nulAtEven = 0;
        int nulAtOdd = 0;
        int controls = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                if (i % 2 == 0) {
                    nulAtEven++;
                } else {
                    nulAtOdd++;
                }
            } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) {
                controls++;
            }
        }
        int pairs = length / 2;
        if (pairs > 0 && nulAtOdd > pairs * 0.3 && nulAtEven < pairs * 0.05) {
            return name + " looks like UTF-16LE text without a byte-order mark (a NUL byte after every letter): save "
                    + "it as UTF-8 (in Excel: CSV UTF-8), or as UTF-16 with a byte-order mark";
        }
        if (pairs > 0 && nulAtEven > pairs * 0.3 && nulAtOdd < pairs * 0.05) {
            return name + " looks like UTF-16BE text without a byte-order mark (a NUL byte before every letter): save "
                    + "it as UTF-8 (in Excel: CSV UTF-8), or as UTF-16 with a byte-order mark";
        }
        // A stray NUL or ESC in a value is the record's problem (rejected on its line), not the file's.
        if (nulAtEven + nulAtOdd + controls > Math.max(8, length / 50)) {
            return name + " is not a text file: its first " + length + " bytes hold " + (nulAtEven + nulAtOdd
                    + controls) + " binary control bytes; export the HR data as CSV (UTF-8) or .xlsx";
        }
        return null;
    }

    /** Whether {@code head} looks like text (for a hint on a file that should have been a workbook). */
    static boolean looksLikeText(byte[] head) {
        return head.length > 0 && problem("", head, head.length) == null;
    }
}
