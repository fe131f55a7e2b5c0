package io.entrasync.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.entrasync.source.FieldsHandler.Fields;

/**
 * Streams a CSV extract as real HR systems export it, with FastCSV:
 * <ul>
 * <li>UTF-8 with or without byte-order mark, UTF-16 LE/BE with BOM, or the configured legacy charset
 *     ({@code windows-1252}) ({@link DecodedExtract}); bytes that are not valid in the charset make that row
 *     {@link SourceRow.Malformed};</li>
 * <li>comma, semicolon, tab or pipe, detected from the header line unless set ({@link CsvDialect});</li>
 * <li>quoted fields with delimiters, doubled quotes and line breaks; CRLF or LF; blank lines skipped; header names
 *     trimmed;</li>
 * <li>a row with the wrong number of fields, or a broken quote, is reported with its line and reading goes on at
 *     the next line (the extract is reopened after a quote error, which is why {@link ExtractInput} is
 *     re-openable).</li>
 * <li>bounded by the {@link ExtractLimits}: a value longer than {@code maxCellLength}, or a row longer than
 *     {@code maxRowLength} (the parser's buffer), is one rejected row and reading goes on at the next line;</li>
 * <li>a file that is not text (a workbook, binary data) or UTF-16 without a byte-order mark is refused with that
 *     reason before any column is looked at ({@link TextSniffer}).</li>
 * </ul>
 */
public final class CsvRecordSource implements ExtractReader {

    /** After this many quote errors the file is not CSV with this delimiter; stop rescanning it. */
    private static final int MAX_QUOTE_RECOVERIES = 100;

    private final ExtractInput input;
    private final Charset charset;
    private final String charsetDescription;
    private final char delimiter;
    private final boolean trim;
    private final Header header;
    private final ExtractLimits limits;
    private boolean[] selected;
    private FieldsHandler handler;
    /** Lines skipped before the current parser started (after a recovery): the parser counts from 1 again. */
    private long lineOffset;
    /** The line after the last row handed out: where an unreadable row starts at the earliest. */
    private long nextLine;
    private CsvReader<Fields> csv;
    private CloseableIterator<Fields> rows;
    private int quoteRecoveries;

    private CsvRecordSource(ExtractInput input, Charset charset, String charsetDescription, char delimiter,
            CsvReader<Fields> csv, FieldsHandler handler, Header header) {
        this.input = input;
        this.limits = input.options().limits();
        this.handler = handler;
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
        return open(input, null);
    }

    /**
     * Like {@link #open(ExtractInput)}, but the records carry values only for {@code onlyColumns} (the others map
     * to {@code null}); rows are still checked for their number of fields. For a quick pass over one column.
     *
     * @param onlyColumns the columns to read, {@code null} for all
     */
    public static CsvRecordSource open(ExtractInput input, Set<String> onlyColumns) {
        DecodedExtract decoded = DecodedExtract.open(input);
        try {
            char delimiter = input.options().delimiterOverride()
                    .orElseGet(() -> CsvDialect.detectDelimiter(decoded.reader()));
            FieldsHandler handler = new FieldsHandler(input.options().limits().maxCellLength());
            CsvReader<Fields> csv = newCsvReader(decoded.reader(), delimiter, handler, input.options().limits());
            CloseableIterator<Fields> it = csv.iterator();
            Fields first = nextOrNull(it, input);
            if (first == null) {
                csv.close();
                throw new ExtractException(input.name() + " is empty: the first line must be a header with the "
                        + "column names.");
            }
            Header header = Header.of(List.of(first.values()), input.name() + ", line " + first.line());
            CsvRecordSource source = new CsvRecordSource(input, decoded.charset(), decoded.description(), delimiter,
                    csv, handler, header);
            source.rows = it;
            source.nextLine = first.line() + 1;
            if (onlyColumns != null) {
                source.selected = new boolean[header.columns.length];
                source.selected[0] = true; // to tell blank lines from rows, as a full read does
                for (String column : onlyColumns) {
                    Integer index = header.index.get(column);
                    if (index != null) {
                        source.selected[index] = true;
                    }
                }
                handler.select(source.selected);
            }
            return source;
        } catch (IOException e) {
            throw new ExtractException("Cannot read " + input.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(decoded.reader());
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
        return charsetDescription + ", delimiter " + CsvDialect.describeDelimiter(delimiter);
    }

    @Override
    public SourceRow next() {
        while (true) {
            Fields record;
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                record = rows.next();
            } catch (CsvParseException e) {
                return isBufferOverflow(e) ? recoverFromLongRow() : recoverFromQuoteError(e);
            } catch (UncheckedIOException e) {
                throw new ExtractException("Cannot read " + input.name() + ": " + e.getCause().getMessage(), e);
            }
            if (isBlank(record)) {
                continue;
            }
            return toRow(record);
        }
    }

    private SourceRow toRow(Fields record) {
        long line = record.line() + lineOffset;
        int count = record.count();
        String[] fields = record.values();
        int spannedLines = 1;
        String badCharsColumn = null;
        for (int i = 0; i < count; i++) {
            String value = fields[i];
            if (value == null) {
                continue;
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                spannedLines += countLineBreaks(value);
            }
            if (badCharsColumn == null && value.indexOf('\uFFFD') >= 0) {
                badCharsColumn = i < header.columns.length ? header.columns[i] : "field " + (i + 1);
            }
            fields[i] = trim ? trim(value) : value;
        }
        String location = spannedLines > 1 ? "lines " + line + "-" + (line + spannedLines - 1) : "line " + line;
        nextLine = line + spannedLines;
        RowValues values = new RowValues(header.index, header.columns, fields);
        if (record.tooLong() >= 0) {
            String column = record.tooLong() < header.columns.length ? "column '" + header.columns[record.tooLong()]
                    + "'" : "field " + (record.tooLong() + 1);
            return new SourceRow.Malformed(line, location, column + " holds " + record.tooLongLength()
                    + " characters, more than the limit of " + limits.maxCellLength() + " (setting "
                    + "sync.sources.<source>.extract.max-cell-length); check for a missing closing quote", values);
        }
        if (count != header.columns.length) {
            String reason = "the row has " + count + " field" + (count == 1 ? "" : "s") + ", the header has "
                    + header.columns.length;
            if (spannedLines > 1) {
                reason += "; a quoted value runs over " + spannedLines + " lines, check for a missing closing quote";
            } else {
                reason += "; check for a value containing the delimiter " + CsvDialect.describeDelimiter(delimiter)
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
        long relative = startLineOf(e);
        long line = relative > 0 ? relative + lineOffset : Math.max(nextLine, handler.beginLine() + lineOffset);
        String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        if (++quoteRecoveries > MAX_QUOTE_RECOVERIES) {
            throw new ExtractException(input.name() + ": more than " + MAX_QUOTE_RECOVERIES + " rows with broken "
                    + "quotes (the last at line " + line + "); is " + CsvDialect.describeDelimiter(delimiter)
                    + " the right delimiter and is this a CSV file?");
        }
        restartAfter(line);
        return new SourceRow.Malformed(line, "line " + line, "broken quoting: " + lowerFirst(stripPrefix(detail))
                + "; a value that contains a quote must be quoted as a whole, with the quote doubled (\"\")",
                Map.of());
    }

    private static boolean isBufferOverflow(CsvParseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("maximum buffer size")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A row longer than the parser's buffer (the row limit): FastCSV cannot say where it starts, but it starts at
     * the line after the last row read (or where the parser began its last record). Reject it and go on after it.
     */
    private SourceRow recoverFromLongRow() {
        long line = Math.max(nextLine, handler.beginLine() + lineOffset);
        if (++quoteRecoveries > MAX_QUOTE_RECOVERIES) {
            throw new ExtractException(input.name() + ": more than " + MAX_QUOTE_RECOVERIES + " unreadable rows (the "
                    + "last at line " + line + "); is this a CSV file?");
        }
        restartAfter(line);
        return new SourceRow.Malformed(line, "line " + line, "the row is longer than " + limits.maxRowLength()
                + " characters (setting sync.sources.<source>.extract.max-row-length); check for a missing closing "
                + "quote or a file that is not CSV", Map.of());
    }

    /** Reopens the extract and goes on at the line after {@code line}. */
    private void restartAfter(long line) {
        closeQuietly(csv);
        DecodedExtract decoded = DecodedExtract.open(input);
        long skip = Math.max(0, line);
        try {
            long skipped = skipPhysicalLines(decoded.reader(), skip);
            lineOffset = skipped;
            nextLine = skipped + 1;
        } catch (IOException e) {
            closeQuietly(decoded.reader());
            throw new ExtractException("Cannot read " + input.name() + ": " + e.getMessage(), e);
        }
        handler = new FieldsHandler(limits.maxCellLength());
        handler.select(selected);
        csv = newCsvReader(decoded.reader(), delimiter, handler, limits);
        rows = csv.iterator();
    }

    /** Skips {@code count} lines (CRLF, LF or CR), quotes not considered; returns how many there were. */
    static long skipPhysicalLines(BufferedReader reader, long count) throws IOException {
        long skipped = 0;
        boolean afterCr = false;
        while (skipped < count) {
            int c = reader.read();
            if (c < 0) {
                return skipped;
            }
            if (c == '\n') {
                if (!afterCr) {
                    skipped++;
                }
                afterCr = false;
            } else if (c == '\r') {
                skipped++;
                afterCr = true;
            } else {
                afterCr = false;
            }
        }
        if (afterCr) {
            reader.mark(1);
            if (reader.read() != '\n') {
                reader.reset();
            }
        }
        return skipped;
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

    /** {@link String#strip()} only when an end is white space: most values need nothing, and strip is not free. */
    static String trim(String value) {
        int last = value.length() - 1;
        if (last < 0 || (!Character.isWhitespace(value.charAt(0)) && !Character.isWhitespace(value.charAt(last)))) {
            return value;
        }
        return value.strip();
    }

    private static boolean isBlank(Fields record) {
        return record.count() == 1 && record.values()[0].isBlank();
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

    private static Fields nextOrNull(CloseableIterator<Fields> it, ExtractInput input) {
        try {
            while (it.hasNext()) {
                Fields record = it.next();
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

    private static CsvReader<Fields> newCsvReader(BufferedReader reader, char delimiter, FieldsHandler handler,
            ExtractLimits limits) {
        return CsvReader.builder()
                .maxBufferSize(limits.maxRowLength())
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .skipEmptyLines(true)
                .allowUnclosedQuote(false)
                .allowExtraCharsAfterClosingQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .build(handler, reader);
    }

    static void closeQuietly(AutoCloseable closeable) {
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
