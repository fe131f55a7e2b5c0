package io.entrasync.source;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

/**
 * Streams a CSV extract as real HR systems export it, with FastCSV:
 * <ul>
 * <li>UTF-8 with or without byte-order mark, UTF-16 LE/BE with BOM, or the configured legacy charset
 *     ({@code windows-1252}); bytes that are not valid in the charset make that row {@link SourceRow.Malformed};</li>
 * <li>comma, semicolon, tab or pipe, detected from the header line unless set;</li>
 * <li>quoted fields with delimiters, doubled quotes and line breaks; CRLF or LF; blank lines skipped; header names
 *     trimmed;</li>
 * <li>a row with the wrong number of fields, or a broken quote, is reported with its line and reading goes on at
 *     the next line (the extract is reopened after a quote error, which is why {@link ExtractInput} is
 *     re-openable).</li>
 * </ul>
 */
public final class CsvRecordSource implements ExtractReader {

    /** Delimiters tried by auto-detection, in order of preference when counts tie. */
    static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
    private static final int BUFFER = 1 << 16;
    private static final int HEADER_SCAN_LIMIT = 1 << 20;
    /** After this many quote errors the file is not CSV with this delimiter; stop rescanning it. */
    private static final int MAX_QUOTE_RECOVERIES = 100;

    private final ExtractInput input;
    private final Charset charset;
    private final String charsetDescription;
    private final char delimiter;
    private final boolean trim;
    private final Header header;
    private CsvReader<CsvRecord> csv;
    private CloseableIterator<CsvRecord> rows;
    private int quoteRecoveries;

    private CsvRecordSource(ExtractInput input, Charset charset, String charsetDescription, char delimiter,
            CsvReader<CsvRecord> csv, Header header) {
        this.input = input;
        this.charset = charset;
        this.charsetDescription = charsetDescription;
        this.delimiter = delimiter;
        this.trim = input.options().trimValues();
        this.csv = csv;
        this.rows = csv.iterator();
        this.header = header;
    }

    /** Opens the extract, detects charset and delimiter and reads the header. */
    public static CsvRecordSource open(ExtractInput input) {
        Decoded decoded = decode(input);
        try {
            char delimiter = input.options().delimiterOverride().orElseGet(() -> detectDelimiter(decoded.reader));
            CsvReader<CsvRecord> csv = newCsvReader(decoded.reader, delimiter);
            CloseableIterator<CsvRecord> it = csv.iterator();
            CsvRecord first = nextOrNull(it, input);
            if (first == null) {
                csv.close();
                throw new ExtractException(input.name() + " is empty: the first line must be a header with the "
                        + "column names.");
            }
            Header header = Header.of(first.getFields(), input.name() + ", line " + first.getStartingLineNumber());
            CsvRecordSource source = new CsvRecordSource(input, decoded.charset, decoded.description, delimiter, csv,
                    header);
            source.rows = it;
            return source;
        } catch (IOException e) {
            throw new ExtractException("Cannot read " + input.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(decoded.reader);
            throw e;
        }
    }

    @Override
    public List<String> columns() {
        return header.names();
    }

    public char delimiter() {
        return delimiter;
    }

    public Charset charset() {
        return charset;
    }

    @Override
    public String describeEncoding() {
        return charsetDescription + ", delimiter " + describeDelimiter(delimiter);
    }

    @Override
    public SourceRow next() {
        while (true) {
            CsvRecord record;
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                record = rows.next();
            } catch (CsvParseException e) {
                return recoverFromQuoteError(e);
            } catch (UncheckedIOException e) {
                throw new ExtractException("Cannot read " + input.name() + ": " + e.getCause().getMessage(), e);
            }
            if (isBlank(record)) {
                continue;
            }
            return toRow(record);
        }
    }

    private SourceRow toRow(CsvRecord record) {
        long line = record.getStartingLineNumber();
        int count = record.getFieldCount();
        String[] fields = new String[count];
        int spannedLines = 1;
        String badCharsColumn = null;
        for (int i = 0; i < count; i++) {
            String value = record.getField(i);
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                spannedLines += countLineBreaks(value);
            }
            if (badCharsColumn == null && value.indexOf('\uFFFD') >= 0) {
                badCharsColumn = i < header.columns.length ? header.columns[i] : "field " + (i + 1);
            }
            fields[i] = trim ? value.strip() : value;
        }
        String location = spannedLines > 1 ? "lines " + line + "-" + (line + spannedLines - 1) : "line " + line;
        RowValues values = new RowValues(header.index, header.columns, fields);
        if (count != header.columns.length) {
            String reason = "the row has " + count + " field" + (count == 1 ? "" : "s") + ", the header has "
                    + header.columns.length;
            if (spannedLines > 1) {
                reason += "; a quoted value runs over " + spannedLines + " lines, check for a missing closing quote";
            } else {
                reason += "; check for a value containing the delimiter " + describeDelimiter(delimiter)
                        + " without quotes";
            }
            return new SourceRow.Malformed(line, location, reason, values);
        }
        if (badCharsColumn != null) {
            return new SourceRow.Malformed(line, location, "column '" + badCharsColumn + "' contains bytes that are "
                    + "not valid " + charset.name() + "; if the file was exported in a legacy encoding, read it with "
                    + "that charset (e.g. --charset windows-1252)", values);
        }
        return new SourceRow.Parsed(new SourceRecord(line, location, values));
    }

    /**
     * A broken quote makes FastCSV stop. Report the row where it started, then reopen the extract and go on from the
     * line after it, so one stray quote costs one row, not the rest of the file.
     */
    private SourceRow recoverFromQuoteError(CsvParseException e) {
        long line = startLineOf(e);
        String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        if (++quoteRecoveries > MAX_QUOTE_RECOVERIES) {
            throw new ExtractException(input.name() + ": more than " + MAX_QUOTE_RECOVERIES + " rows with broken "
                    + "quotes (the last at line " + line + "); is " + describeDelimiter(delimiter)
                    + " the right delimiter and is this a CSV file?");
        }
        closeQuietly(csv);
        Decoded decoded = decode(input);
        csv = newCsvReader(decoded.reader, delimiter);
        if (line > 0) {
            csv.skipLines((int) Math.min(Integer.MAX_VALUE, line));
        }
        rows = csv.iterator();
        return new SourceRow.Malformed(line, "line " + line, "broken quoting: " + lowerFirst(stripPrefix(detail))
                + "; a value that contains a quote must be quoted as a whole, with the quote doubled (\"\")",
                Map.of());
    }

    private static long startLineOf(CsvParseException e) {
        String message = e.getMessage();
        int at = message == null ? -1 : message.lastIndexOf("line ");
        if (at < 0) {
            return -1;
        }
        int end = at + 5;
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        try {
            return Long.parseLong(message.substring(at + 5, end));
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static String stripPrefix(String detail) {
        if (detail == null) {
            return "unreadable row";
        }
        int paren = detail.indexOf(" (record starting");
        return paren > 0 ? detail.substring(0, paren) : detail;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean isBlank(CsvRecord record) {
        return record.getFieldCount() == 1 && record.getField(0).isBlank();
    }

    private static int countLineBreaks(String value) {
        int breaks = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
    }

    private static CsvRecord nextOrNull(CloseableIterator<CsvRecord> it, ExtractInput input) {
        try {
            while (it.hasNext()) {
                CsvRecord record = it.next();
                if (!isBlank(record)) {
                    return record;
                }
            }
            return null;
        } catch (CsvParseException e) {
            throw new ExtractException("The header of " + input.name() + " cannot be read: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), e);
        }
    }

    private static CsvReader<CsvRecord> newCsvReader(BufferedReader reader, char delimiter) {
        return CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(reader);
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

    private record Decoded(BufferedReader reader, Charset charset, String description) {
    }

    /** Opens the input, honours a byte-order mark, and decodes with replacement characters for bad bytes. */
    private static Decoded decode(ExtractInput input) {
        InputStream raw = null;
        try {
            raw = input.opener().open();
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            in.mark(4);
            byte[] bom = in.readNBytes(3);
            Charset charset;
            String description;
            if (bom.length >= 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) {
                charset = StandardCharsets.UTF_8;
                description = "UTF-8 (BOM)";
            } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFF && (bom[1] & 0xFF) == 0xFE) {
                in.reset();
                in.skipNBytes(2);
                charset = StandardCharsets.UTF_16LE;
                description = "UTF-16LE (BOM)";
            } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFE && (bom[1] & 0xFF) == 0xFF) {
                in.reset();
                in.skipNBytes(2);
                charset = StandardCharsets.UTF_16BE;
                description = "UTF-16BE (BOM)";
            } else {
                in.reset();
                charset = input.options().charset() != null ? input.options().charset() : StandardCharsets.UTF_8;
                description = charset.name();
            }
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return new Decoded(new BufferedReader(new InputStreamReader(in, decoder), BUFFER), charset, description);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new ExtractException("Cannot open " + input.name() + ": " + e, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing after a failure: the first failure is the one to report
        }
    }

    @Override
    public void close() {
        closeQuietly(csv);
    }
}
