package io.entrasync.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The CSV dialect of an extract: which delimiter separates its fields, sniffed from the header line when the source
 * does not set one, and how a delimiter is named in messages.
 */
final class CsvDialect {

    /** Delimiters tried by auto-detection, in order of preference when counts tie. */
    static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
    private static final int HEADER_SCAN_LIMIT = 1 << 20;

    private CsvDialect() {
    }

    static String describeDelimiter(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tab";
            case ',' -> "',' (comma)";
            case ';' -> "';' (semicolon)";
            case '|' -> "'|' (pipe)";
            default -> "'" + delimiter + "'";
        };
    }

    /**
     * Counts each candidate delimiter outside quotes on the first non-blank line and picks the most frequent.
     * The reader is reset to where it was.
     */
    static char detectDelimiter(BufferedReader reader) {
        try {
            reader.mark(HEADER_SCAN_LIMIT);
            int[] counts = new int[CANDIDATE_DELIMITERS.length];
            boolean quoted = false;
            boolean sawContent = false;
            for (int read = 0; read < HEADER_SCAN_LIMIT; read++) {
                int c = reader.read();
                if (c < 0) {
                    break;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    if (sawContent) {
                        break;
                    }
                } else if (!quoted) {
                    for (int i = 0; i < CANDIDATE_DELIMITERS.length; i++) {
                        if (c == CANDIDATE_DELIMITERS[i]) {
                            counts[i]++;
                        }
                    }
                }
                if (!Character.isWhitespace(c)) {
                    sawContent = true;
                }
            }
            reader.reset();
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] > counts[best]) {
                    best = i;
                }
            }
            return CANDIDATE_DELIMITERS[best];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
