package io.entrasync.source;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates the hostile files that would be too large to keep in src/test/resources/hostile: a workbook whose one
 * cell unpacks to many megabytes from a few kilobytes (a zip bomb), a workbook past the part-size limit, CSV rows
 * and cells past the limits. Each is written in well under a second.
 */
public final class HostileFiles {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private HostileFiles() {
    }

    /** A valid workbook (no styles.xml) whose row 2 holds one inline string of {@code cellChars} 'A's. */
    public static Path xlsxWithHugeCell(Path dir, long cellChars) throws IOException {
        return xlsx(dir.resolve("bomb.xlsx"), false, sheet -> {
            sheet.write(row(1, "WorkerID", "UPN", "Name", "Status"));
            sheet.write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            char[] chunk = new char[1 << 16];
            Arrays.fill(chunk, 'A');
            for (long left = cellChars; left > 0; left -= chunk.length) {
                sheet.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            sheet.write("</t></is></c></row>");
            sheet.write(row(3, "1003", "c@contoso.com", "Cy", "Active"));
        });
    }

    /** A valid workbook with {@code rows} ordinary rows (about 150 bytes of sheet XML each). */
    public static Path xlsxWithRows(Path dir, String name, boolean withStyles, int rows) throws IOException {
        return xlsx(dir.resolve(name), withStyles, sheet -> {
            sheet.write(row(1, "WorkerID", "UPN", "Name", "Status"));
            for (int i = 2; i < rows + 2; i++) {
                sheet.write(row(i, Integer.toString(1000 + i), "u" + i + "@contoso.com", "User " + i, "Active"));
            }
        });
    }

    /** A CSV extract whose line 3 is one unquoted row of {@code rowChars} characters between two good rows. */
    public static Path csvWithLongRow(Path dir, int rowChars) throws IOException {
        Path file = dir.resolve("long-row.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("WorkerID,UPN,Name,Status\n1001,a@contoso.com,Ann,Active\n1002,b@contoso.com,");
            for (int i = 0; i < rowChars; i++) {
                out.write('x');
            }
            out.write(",Active\n1003,c@contoso.com,Cy,Active\n");
        }
        return file;
    }

    /** A CSV extract whose line 3 has a Name of {@code cellChars} characters. */
    public static Path csvWithLongCell(Path dir, int cellChars) throws IOException {
        Path file = dir.resolve("long-cell.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("WorkerID,UPN,Name,Status\n1001,a@contoso.com,Ann,Active\n1002,b@contoso.com,\"");
            for (int i = 0; i < cellChars; i++) {
                out.write('y');
            }
            out.write("\",Active\n1003,c@contoso.com,Cy,Active\n");
        }
        return file;
    }

    private interface SheetBody {
        void write(Writer sheet) throws IOException;
    }

    private static String row(int number, String... values) {
        StringBuilder row = new StringBuilder("<row r=\"" + number + "\">");
        for (int i = 0; i < values.length; i++) {
            row.append("<c r=\"").append((char) ('A' + i)).append(number).append("\" t=\"inlineStr\"><is><t>")
                    .append(values[i]).append("</t></is></c>");
        }
        return row.append("</row>").toString();
    }

    private static Path xlsx(Path file, boolean withStyles, SheetBody body) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.setLevel(Deflater.BEST_SPEED);
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\""
                    + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.worksheet+xml\"/>"
                    + (withStyles ? "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd."
                            + "openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" : "")
                    + "</Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + RELS
                    + "\"><Relationship Id=\"rId1\" Type=\"" + OFFICE_RELS + "/officeDocument\" "
                    + "Target=\"xl/workbook.xml\"/></Relationships>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
                    + "\" xmlns:r=\"" + OFFICE_RELS + "\"><sheets><sheet name=\"Workers\" sheetId=\"1\" r:id=\"rId1\"/>"
                    + "</sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + RELS + "\"><Relationship Id=\"rId1\" Type=\"" + OFFICE_RELS + "/worksheet\" "
                    + "Target=\"worksheets/sheet1.xml\"/>"
                    + (withStyles ? "<Relationship Id=\"rId2\" Type=\"" + OFFICE_RELS + "/styles\" "
                            + "Target=\"styles.xml\"/>" : "")
                    + "</Relationships>");
            if (withStyles) {
                put(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN
                        + "\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>");
            }
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new OutputStreamWriter(new FilterOutputStream(zip) {
                @Override
                public void close() {
                    // the zip entry is closed below, not the zip
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }
            }, StandardCharsets.UTF_8);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN + "\"><sheetData>");
            body.write(sheet);
            sheet.write("</sheetData></worksheet>");
            sheet.flush();
            zip.closeEntry();
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
