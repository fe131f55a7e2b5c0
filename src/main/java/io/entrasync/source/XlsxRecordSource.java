package io.entrasync.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>The workbook is read from its file (random access to its parts, nothing copied into memory), after
 * {@link XlsxGuard} has checked that it is a workbook within the {@link ExtractLimits}; a blob without a local file is
 * first copied to a temporary file. A cell longer than {@link ExtractLimits#maxCellLength()} makes its row rejected;
 * anything the library cannot read becomes an {@link ExtractException} naming the file.
 */
public final class XlsxRecordSource implements ExtractReader {

    private static final Pattern DATE_FORMAT = Pattern.compile("[dmyhs]", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final ExtractInput input;
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final Header header;
    private final boolean trim;
    private final int maxCellLength;
    private final Path temporary;

    private XlsxRecordSource(ExtractInput input, Path temporary, ReadableWorkbook workbook, Stream<Row> stream,
            Iterator<Row> rows, Header header) {
        this.input = input;
        this.temporary = temporary;
        this.maxCellLength = input.options().limits().maxCellLength();
        this.workbook = workbook;
        this.stream = stream;
        this.rows = rows;
        this.header = header;
        this.trim = input.options().trimValues();
    }

    public static XlsxRecordSource open(ExtractInput input) {
        ReadableWorkbook workbook = null;
        Path temporary = null;
        try {
            Path file = input.localFile();
            if (file == null) {
                temporary = copyToTemporaryFile(input);
                file = temporary;
            }
            XlsxGuard.Inspection inspection = XlsxGuard.inspect(input.name(), file, input.options().limits());
            // Without styles.xml there are no number formats: read the cells without them (dates stay numbers).
            workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(inspection.hasStyles(), false));
            Stream<Row> stream = workbook.getFirstSheet().openStream();
            Iterator<Row> rows = stream.iterator();
            while (rows.hasNext()) {
                Row first = rows.next();
                List<String> names = texts(first, first.getCellCount());
                if (names.stream().anyMatch(name -> !name.isBlank())) {
                    Header header = Header.of(trimTrailingEmpty(names),
                            input.name() + ", first sheet, row " + first.getRowNum());
                    return new XlsxRecordSource(input, temporary, workbook, stream, rows, header);
                }
            }
            throw new ExtractException(input.name() + ": the first sheet is empty; its first row must be a header "
                    + "with the column names.");
        } catch (ExtractException e) {
            closeQuietly(workbook);
            deleteQuietly(temporary);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(workbook);
            deleteQuietly(temporary);
            throw new ExtractException("Cannot read " + input.name() + " as an .xlsx workbook: " + describe(e)
                    + ". Is it really an Excel 2007+ workbook (not .xls or CSV)? Open it in Excel and save it again "
                    + "as Excel Workbook (.xlsx).", e);
        }
    }

    private static Path copyToTemporaryFile(ExtractInput input) throws IOException {
        Path copy = Files.createTempFile("extract-", ".xlsx");
        try (InputStream in = input.opener().open()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            message = e.getCause().getMessage();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
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
        long lastRow = 0;
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                List<String> cells = texts(row, Math.max(row.getCellCount(), header.columns.length));
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                long position = row.getRowNum();
                lastRow = position;
                String location = "row " + position;
                for (int i = 0; i < cells.size(); i++) {
                    if (cells.get(i).length() > maxCellLength) {
                        String column = i < header.columns.length ? "column '" + header.columns[i] + "'"
                                : "cell " + (i + 1);
                        int length = cells.get(i).length();
                        cells.set(i, "");
                        return new SourceRow.Malformed(position, location, column + " holds " + length
                                + " characters, more than the limit of " + maxCellLength
                                + " (setting sync.sources.<source>.extract.max-cell-length)", values(cells));
                    }
                }
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
        } catch (RuntimeException e) {
            throw new ExtractException("Cannot read " + input.name() + " after row " + lastRow + ": " + describe(e)
                    + ". The workbook is damaged; open it in Excel and save it again.", e);
        }
    }

    private RowValues values(List<String> cells) {
        String[] fields = new String[header.columns.length];
        for (int i = 0; i < fields.length; i++) {
            String value = i < cells.size() ? cells.get(i) : "";
            fields[i] = trim ? CsvRecordSource.trim(value) : value;
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

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    @Override
    public void close() {
        stream.close();
        closeQuietly(workbook);
        deleteQuietly(temporary);
    }
}
