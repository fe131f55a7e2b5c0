package io.entrasync.run;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import com.azure.core.util.BinaryData;

import io.entrasync.delta.DueRecords;
import io.entrasync.source.JsonLinesRecordSource;

/**
 * Sends the changes that came due: for each source, the records whose mapped result changes on a date that has
 * come (an exit date, a start date; {@link DueRecords}) are written as one changes-only run,
 * {@code inbound/<source>/due-<time>.jsonl}, and processed like any extract: mapped again with today's date,
 * compared with the snapshot, and sent when they differ. No new extract and no change in the HR API is needed, for
 * file and API sources alike. The resume timer calls it ({@code functions/ResumeWaitingFunction}).
 *
 * <p>A run's blob is named after the latest moment it covers, so taking the same entries again after a crash
 * writes the same blob; the snapshot then finds the records identical to what was accepted and sends nothing twice.
 */
public final class DueRuns {

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final DropZone zone;
    private final SourceCatalog catalog;
    private final DueRecords due;
    private final InboundFileProcessor processor;
    private final Clock clock;

    DueRuns(DropZone zone, SourceCatalog catalog, DueRecords due, InboundFileProcessor processor, Clock clock) {
        this.zone = zone;
        this.catalog = catalog;
        this.due = due;
        this.processor = processor;
        this.clock = clock;
    }

    /** Writes out and processes every source's changes that are due now; one result per source that had some. */
    public List<FileRunResult> sendDue() {
        Instant now = clock.instant();
        List<FileRunResult> results = new ArrayList<>();
        for (String source : new TreeSet<>(catalog.names())) {
            String[] blob = {null};
            due.takeDue(source, now, entries -> blob[0] = writeOut(source, entries));
            if (blob[0] != null) {
                results.add(processor.process(blob[0]));
            }
        }
        return results;
    }

    /**
     * What the trail says of a record sent by the due run {@code fileName} ({@code due-<time>.jsonl}, named after the
     * latest moment it covers): "came due (due on or before &lt;time&gt;)".
     */
    static String cameDue(String fileName) {
        String stamp = fileName.substring(ExtractRun.DUE_PREFIX.length(), fileName.lastIndexOf('.'));
        try {
            return "came due (due on or before " + NAME_TIME.parse(stamp, Instant::from) + ")";
        } catch (DateTimeParseException notOurs) {
            return "came due";
        }
    }

    private String writeOut(String source, List<DueRecords.Due> entries) {
        Instant latest = entries.stream().map(DueRecords.Due::at).max(Comparator.naturalOrder()).orElseThrow();
        String blobName = source + "/" + ExtractRun.DUE_PREFIX + NAME_TIME.format(latest) + ".jsonl";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(bytes)) {
            long position = 0;
            for (DueRecords.Due entry : entries) {
                out.record(++position, "due " + entry.at() + " (" + entry.externalId() + ")", entry.values());
            }
        }
        zone.inbound().getBlobClient(blobName).upload(BinaryData.fromBytes(bytes.toByteArray()), true);
        return blobName;
    }
}
