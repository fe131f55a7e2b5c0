package io.entrasync.sync.references;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.entrasync.source.ExtractFormat;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractOptions;
import io.entrasync.source.JsonLinesRecordSource;
import io.entrasync.source.SourceRecord;
import io.entrasync.source.SourceRow;
import io.entrasync.text.Printable;

/**
 * Replaces every reference in a spooled read by the id of the record it names, before the mapping sees it: the
 * read's own records first (a manager later in the read than the report is found all the same: the index is filled
 * by the whole read before anything is translated), then what earlier reads saw.
 *
 * <p>A reference that names no known record is never sent as if it were an externalId: the record becomes a
 * rejection that names the field, the value and what to check. Sending it without the manager instead would
 * <em>remove</em> a manager the person already has wherever the job clears attributes left out of a record, and
 * an unchanged record is not read again by an incremental sync, so the missing manager would go unnoticed.
 */
public final class ReferenceTranslation {

    /**
     * What the translation did.
     *
     * @param translated references replaced by an id
     * @param unresolved records rejected because a reference named no known record (read now or waiting)
     * @param resent records kept from earlier reads whose reference resolved now, written to the spool to be sent
     * @param waiting records kept from earlier reads still waiting, written to the spool as rejections again
     */
    public record Result(long translated, long unresolved, long resent, long waiting) {

        /** Entries written to the spool after the read's own. */
        public long appended() {
            return resent + waiting;
        }
    }

    private final String source;
    private final ReferenceRules rules;
    private final ReferenceIndex index;
    private long translated;

    public ReferenceTranslation(String source, ReferenceRules rules, ReferenceIndex index) {
        this.source = source;
        this.rules = rules;
        this.index = index;
    }

    /**
     * Copies the spool {@code raw} to {@code target} with every reference translated; a record whose reference is
     * unknown waits in {@code waiting}. When the read brought anything, the records that waited before and were not
     * read again follow the read's: sent if their reference resolves now, rejected again if not.
     *
     * @param options the source's extract options (their limits bound each line as the run will)
     */
    public Result rewrite(Path raw, Path target, ExtractOptions options, WaitingRecords waiting) {
        Map<String, WaitingRecord> earlier = new LinkedHashMap<>();
        waiting.records().forEach(record -> earlier.put(record.id(), record));
        long unresolved = 0;
        long rows = 0;
        long position = 0;
        ExtractInput input = ExtractInput.ofFile(raw.getFileName().toString(), raw,
                new ExtractOptions(ExtractFormat.JSONL, null, null, false, options.limits()));
        try (JsonLinesRecordSource in = JsonLinesRecordSource.open(input);
             OutputStream file = Files.newOutputStream(target);
             JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(file)) {
            for (SourceRow row = in.next(); row != null; row = in.next()) {
                rows++;
                position = Math.max(position, row.position());
                SourceRow translatedRow = row;
                if (row instanceof SourceRow.Parsed parsed) {
                    String id = parsed.record().get(rules.idField());
                    earlier.remove(id);
                    translatedRow = translate(row, record -> keep(waiting, id, record));
                    if (translatedRow instanceof SourceRow.Malformed) {
                        unresolved++;
                    } else {
                        waiting.release(id);
                    }
                }
                out.write(translatedRow);
            }
            if (rows == 0) {
                return new Result(translated, unresolved, 0, 0);
            }
            Result replayed = replay(earlier.values(), waiting, out, position);
            return new Result(translated, unresolved + replayed.unresolved(), replayed.resent(), replayed.waiting());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spool " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes the records that waited before, each translated if it can be now or rejected again if not. */
    private Result replay(Collection<WaitingRecord> earlier, WaitingRecords waiting, JsonLinesRecordSource.Writer out,
            long lastPosition) {
        long position = lastPosition;
        long resent = 0;
        long still = 0;
        for (WaitingRecord record : earlier) {
            SourceRecord kept = new SourceRecord(++position, "kept from an earlier read (" + record.location() + ")",
                    record.values());
            SourceRow row = translate(new SourceRow.Parsed(kept), r -> {
                WaitingRecord again = record.rejectedAgain();
                waiting.replace(again);
                return waitingAdvice(again.reads());
            });
            if (row instanceof SourceRow.Parsed) {
                waiting.replace(record.sent());
                resent++;
            } else {
                still++;
            }
            out.write(row);
        }
        return new Result(0, still, resent, still);
    }

    private String keep(WaitingRecords waiting, String id, SourceRecord record) {
        if (id == null || id.isBlank()) {
            return " It has no " + rules.idField() + ", so it cannot be kept for later reads." + checkAdvice();
        }
        WaitingRecord kept = waiting.hold(id, record.location(), record.values());
        if (kept == null) {
            return " More than " + waiting.limit() + " records of this source already wait for a reference, so this "
                    + "one is not kept for later reads." + checkAdvice();
        }
        return waitingAdvice(kept.reads());
    }

    private String waitingAdvice(int reads) {
        return " It is kept (rejected in " + reads + " read(s) so far) and sent by the first sync that reads the "
                + "record it names. If that person is not part of what this source reads (filters, inactive people),"
                + " fix that, then run sync --source " + source + " --full.";
    }

    private String checkAdvice() {
        return " Check that the person it names exists in the HR system and is part of what this source reads "
                + "(filters, inactive people), then run sync --source " + source + " --full.";
    }

    /** {@code row} with its references translated, a rejection naming the first one that cannot be, or as it was. */
    public SourceRow translate(SourceRow row) {
        return translate(row, record -> checkAdvice());
    }

    /**
     * As {@link #translate(SourceRow)}; a rejection's sentence ends with what {@code advice} says of the record (what
     * becomes of it).
     */
    private SourceRow translate(SourceRow row, Function<SourceRecord, String> advice) {
        if (!(row instanceof SourceRow.Parsed parsed)) {
            return row;
        }
        SourceRecord record = parsed.record();
        Map<String, String> values = null;
        for (ReferenceRule rule : rules.rules()) {
            String reference = record.get(rule.field());
            if (reference == null || reference.isBlank()) {
                continue;
            }
            Optional<String> id = index.lookup(rule.keyField(), reference);
            if (id.isEmpty()) {
                return new SourceRow.Malformed(record.position(), record.location(), unresolved(record, rule,
                        reference) + advice.apply(record), record.values());
            }
            if (values == null) {
                values = new LinkedHashMap<>(record.values());
            }
            values.put(rule.field(), id.get());
            translated++;
        }
        return values == null ? row : new SourceRow.Parsed(new SourceRecord(record.position(), record.location(),
                Collections.unmodifiableMap(values)));
    }

    private String unresolved(SourceRecord record, ReferenceRule rule, String reference) {
        return "source '" + source + "', " + record.location() + ": '" + rule.field() + "' is '"
                + Printable.escape(shorten(reference)) + "', and no record of this source read so far has "
                + rule.keyField() + " '" + Printable.escape(shorten(reference)) + "', so it cannot be translated to "
                + "that record's " + rules.idField() + " (setting sync.sources." + source + ".api.references). The "
                + "record is not sent rather than sent with a wrong or missing reference.";
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
