package io.entrasync.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes {@code <folder>.report.html} beside {@code <folder>.report.json} and {@code <folder>.results.csv} in the
 * processed container, served as {@code text/html; charset=utf-8}.
 */
public final class ReportPages {

    private ReportPages() {
    }

    /** The page from a report and results file the caller has at hand (the run that just wrote them). */
    public static void publish(BlobContainerClient processed, String folder, JsonNode report, Path results) {
        Path page = temp(".report.html");
        try {
            ReportPage.render(report, results, page);
            // One request: the content with its type (a browser opening the blob's URL shows it as a page).
            processed.getBlobClient(folder + ".report.html").uploadFromFileWithResponse(
                    new BlobUploadFromFileOptions(page.toString())
                            .setHeaders(new BlobHttpHeaders().setContentType("text/html; charset=utf-8")),
                    null, null);
        } finally {
            delete(page);
        }
    }

    /** The page from the report and results as they are in the container (after reconciliation completed them). */
    public static void publish(BlobContainerClient processed, String folder, ObjectMapper mapper) {
        BlobClient report = processed.getBlobClient(folder + ".report.json");
        BlobClient results = processed.getBlobClient(folder + ".results.csv");
        if (!report.exists() || !results.exists()) {
            return;
        }
        Path local = temp(".results.csv");
        try {
            results.downloadToFile(local.toString(), true);
            JsonNode json = mapper.readTree(report.downloadContent().toBytes());
            publish(processed, folder, json, local);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + folder + ".report.json: " + e.getMessage(), e);
        } finally {
            delete(local);
        }
    }

    /** For tests and the demo: the page as text. */
    public static String text(BlobContainerClient processed, String folder) {
        BinaryData content = processed.getBlobClient(folder + ".report.html").downloadContent();
        return content.toString();
    }

    private static Path temp(String suffix) {
        try {
            return Files.createTempFile("report-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
