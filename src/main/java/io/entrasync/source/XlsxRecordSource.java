package io.entrasync.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * Streams the first sheet of an {@code .xlsx} workbook with fastexcel-reader: the first non-empty row is the
 * header, each later non-empty row a record whose position is the spreadsheet row number. Text cells are taken as
 * they are; numbers without trailing zeros ({@code 1234}, not {@code 1234.0}); cells formatted as dates become
 * {@code yyyy-MM-dd} (or {@code yyyy-MM-ddTHH:mm:ss} when they carry a time), so a mapping can convert them like
 * dates from a CSV file.
 */
public final class XlsxRecordSource implements ExtractReader {

    private static final Pattern DATE_FORMAT = Pattern.compile("[dmyhs]", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final ExtractInput input;
    private final InputStream in;
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final Header header;
    private final boolean trim;

    private XlsxRecordSource(ExtractInput input, InputStream in, ReadableWorkbook workbook, Stream<Row> stream, Iterator<Row> rows,
            Header header) {
        this.input = input;
        this.in = in;
        this.workbook = workbook;
        this.stream = stream;
        this.rows = rows;
        this.header = header;
        this.trim = input.options().trimValues();
    }

    public static XlsxRecordSource open(ExtractInput input) {
        ReadableWorkbook workbook = null;
        InputStream in = null;
        try {
            in = input.opener().open();
            workbook = new ReadableWorkbook(in, new ReadingOptions(true, false));
            Stream<Row> stream = workbook.getFirstSheet().openStream();
            Iterator<Row> rows = stream.iterator();
            while (rows.hasNext()) {
                Row first = rows.next();
                List<String> names = texts(first, first.getCellCount());
                if (names.stream().anyMatch(name -> !name.isBlank())) {
                    Header header = Header.of(trimTrailingEmpty(names),
                            input.name() + ", first sheet, row " + first.getRowNum());
                    return new XlsxRecordSource(input, in, workbook, stream, rows, header);
                }
            }
            closeQuietly(workbook);
            closeQuietly(in);
            throw new ExtractException(input.name() + ": the first sheet is empty; its first row must be a header "
                    + "with the column names.");
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(workbook);
            closeQuietly(in);
            throw new ExtractException("Cannot read " + input.name() + " as an .xlsx workbook: " + e.getMessage()
                    + ". Is it really an Excel 2007+ file (not .xls or CSV)?", e);
        } catch (RuntimeException e) {
            closeQuietly(workbook);
            closeQuietly(in);
            throw e;
        }
    }

    @Override
    public List<String> columns() {
        return header.names();
    }

    @Override
    public String describeEncoding() {
        return "xlsx, first sheet";
    }

    @Override
    public SourceRow next() {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                List<String> cells = texts(row, Math.max(row.getCellCount(), header.columns.length));
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                long position = row.getRowNum();
                String location = "row " + position;
                for (int i = header.columns.length; i < cells.size(); i++) {
                    if (!cells.get(i).isBlank()) {
                        return new SourceRow.Malformed(position, location, "cell " + (i + 1) + " has a value but "
                                + "the header has only " + header.columns.length + " columns",
                                values(cells));
                    }
                }
                return new SourceRow.Parsed(new SourceRecord(position, location, values(cells)));
            }
            return null;
        } catch (UncheckedIOException e) {
            throw new ExtractException("Cannot read " + input.name() + ": " + e.getMessage(), e);
        }
    }

    private RowValues values(List<String> cells) {
        String[] fields = new String[header.columns.length];
        for (int i = 0; i < fields.length; i++) {
            String value = i < cells.size() ? cells.get(i) : "";
            fields[i] = trim ? value.strip() : value;
        }
        return new RowValues(header.index, header.columns, fields);
    }

    private static List<String> texts(Row row, int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(i < row.getCellCount() ? text(row.getCell(i)) : "");
        }
        return texts;
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> isDateFormatted(cell) ? formatDate(cell.asDate()) : plain(cell.asNumber());
            case BOOLEAN -> String.valueOf(cell.asBoolean());
            case EMPTY -> "";
            default -> cell.getText() == null ? "" : cell.getText();
        };
    }

    private static boolean isDateFormatted(Cell cell) {
        Integer id = cell.getDataFormatId();
        if (id != null && ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))) {
            return true;
        }
        String format = cell.getDataFormatString();
        if (format == null) {
            return false;
        }
        String withoutLiterals = format.replaceAll("\"[^\"]*\"|\\[[^]]*]", "");
        return DATE_FORMAT.matcher(withoutLiterals).find();
    }

    private static String formatDate(LocalDateTime value) {
        return value.toLocalTime().toSecondOfDay() == 0 ? DATE.format(value) : DATE_TIME.format(value);
    }

    private static String plain(BigDecimal number) {
        return number == null ? "" : number.stripTrailingZeros().toPlainString();
    }

    private static List<String> trimTrailingEmpty(List<String> names) {
        int end = names.size();
        while (end > 0 && names.get(end - 1).isBlank()) {
            end--;
        }
        return names.subList(0, end);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // the first failure is the one to report
            }
        }
    }

    @Override
    public void close() {
        stream.close();
        closeQuietly(workbook);
        closeQuietly(in);
    }
}
