package io.entrasync.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an .xlsx file before the spreadsheet library opens it, so that a file that is no workbook, or a zip bomb,
 * is refused with the reason instead of failing inside the library or unpacking gigabytes into memory. Every part is
 * inflated once, counting the bytes it really unpacks to (the sizes a zip declares can lie), and scanned for the
 * longest run of text between two XML tags, which bounds the length of any one cell.
 */
final class XlsxGuard {

    private static final int MAX_ENTRIES = 10_000;
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1};
    /** An XML-escaped character takes at most 6 bytes (<code>&amp;quot;</code>); a little more for attributes. */
    private static final int BYTES_PER_CHARACTER = 6;

    /** What the check found out about the workbook. */
    record Inspection(boolean hasStyles) {
    }

    private XlsxGuard() {
    }

    static Inspection inspect(String name, Path file, ExtractLimits limits) {
        refuseNonZip(name, file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw refused(name, "it has " + zip.size() + " parts (at most " + MAX_ENTRIES + " are read)");
            }
            if (zip.getEntry("[Content_Types].xml") == null || zip.getEntry("xl/workbook.xml") == null) {
                throw refused(name, "it is a zip archive but not an Excel workbook (no [Content_Types].xml or "
                        + "xl/workbook.xml); save it from Excel as .xlsx (Excel Workbook) or export it as CSV");
            }
            long total = 0;
            long longestRunAllowed = (long) limits.maxCellLength() * BYTES_PER_CHARACTER + 1024;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                boolean sharedStrings = entry.getName().equalsIgnoreCase("xl/sharedStrings.xml");
                long limit = sharedStrings ? limits.maxSharedStrings() : limits.maxPartSize();
                String setting = sharedStrings ? "max-shared-strings-size" : "max-part-size";
                Scan scan = scan(zip, entry, limit, longestRunAllowed);
                if (scan.size > limit) {
                    throw refused(name, "its part " + entry.getName() + " unpacks to more than " + limit + " bytes "
                            + "(setting sync.sources.<source>.extract." + setting + "); a workbook that small on disk"
                            + " and that large unpacked is a zip bomb, or an export to split into smaller files");
                }
                if (scan.longestRun > longestRunAllowed && entry.getName().endsWith(".xml")) {
                    throw refused(name, "its part " + entry.getName() + " holds a value of more than "
                            + limits.maxCellLength() + " characters"
                            + (scan.rowsAtLongestRun > 0 ? " (in or after row element " + scan.rowsAtLongestRun + ")"
                                    : "")
                            + "; the limit is setting sync.sources.<source>.extract.max-cell-length (Excel itself "
                            + "holds at most 32,767 characters in a cell)");
                }
                total += scan.size;
                if (total > 2 * limits.maxPartSize()) {
                    throw refused(name, "its parts unpack to more than " + 2 * limits.maxPartSize() + " bytes in "
                            + "all (twice setting sync.sources.<source>.extract.max-part-size)");
                }
            }
            return new Inspection(zip.getEntry("xl/styles.xml") != null);
        } catch (ZipException e) {
            throw refused(name, "it is a damaged zip archive (" + e.getMessage() + "); save it again from Excel");
        } catch (IOException e) {
            throw new ExtractException("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static void refuseNonZip(String name, Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        } catch (IOException e) {
            throw new ExtractException("Cannot read " + name + ": " + e.getMessage(), e);
        }
        if (head.length == 0) {
            throw refused(name, "the file is empty");
        }
        if (startsWith(head, OLE2)) {
            throw refused(name, "it is an Excel 97-2003 (.xls) file or a password-protected workbook; save it as "
                    + ".xlsx (Excel Workbook) without a password, or export it as CSV");
        }
        if (!startsWith(head, ZIP)) {
            String hint = TextSniffer.looksLikeText(head) ? "it looks like text: if it is a CSV export, name it .csv "
                    + "or set the format to csv" : "it is not a zip archive, as every .xlsx file is";
            throw refused(name, hint);
        }
    }

    private static final class Scan {
        long size;
        long longestRun;
        long rowsAtLongestRun;
    }

    private static Scan scan(ZipFile zip, ZipEntry entry, long limit, long runLimit) throws IOException {
        Scan scan = new Scan();
        byte[] buffer = new byte[1 << 16];
        long run = 0;
        long rows = 0;
        int rowMatch = 0; // how much of "<row" was seen last
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '<') {
                        run = 0;
                        rowMatch = 1;
                        continue;
                    }
                    run++;
                    if (run > scan.longestRun) {
                        scan.longestRun = run;
                        scan.rowsAtLongestRun = rows;
                    }
                    if (rowMatch > 0) {
                        rowMatch = rowMatch == 1 && b == 'r' ? 2 : rowMatch == 2 && b == 'o' ? 3
                                : rowMatch == 3 && b == 'w' ? 4 : 0;
                        if (rowMatch == 4) {
                            rows++;
                            rowMatch = 0;
                        }
                    }
                }
                scan.size += n;
                if (scan.size > limit || scan.longestRun > runLimit) {
                    return scan;
                }
            }
        }
        return scan;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static ExtractException refused(String name, String reason) {
        return new ExtractException(name + " cannot be read as an .xlsx workbook: " + reason + ".");
    }
}
