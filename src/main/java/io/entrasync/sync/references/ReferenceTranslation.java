package io.entrasync.sync.references;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
     * @param unresolved records rejected because a reference named no known record
     */
    public record Result(long translated, long unresolved) {
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
     * Copies the spool {@code raw} to {@code target} with every reference translated.
     *
     * @param options the source's extract options (their limits bound each line as the run will)
     */
    public Result rewrite(Path raw, Path target, ExtractOptions options) {
        long unresolved = 0;
        ExtractInput input = ExtractInput.ofFile(raw.getFileName().toString(), raw,
                new ExtractOptions(ExtractFormat.JSONL, null, null, false, options.limits()));
        try (JsonLinesRecordSource in = JsonLinesRecordSource.open(input);
             OutputStream file = Files.newOutputStream(target);
             JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(file)) {
            for (SourceRow row = in.next(); row != null; row = in.next()) {
                SourceRow translatedRow = translate(row);
                if (translatedRow instanceof SourceRow.Malformed && row instanceof SourceRow.Parsed) {
                    unresolved++;
                }
                out.write(translatedRow);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spool " + target + ": " + e.getMessage(), e);
        }
        return new Result(translated, unresolved);
    }

    /** {@code row} with its references translated, a rejection naming the first one that cannot be, or as it was. */
    public SourceRow translate(SourceRow row) {
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
                        reference), record.values());
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
                + "record is not sent rather than sent with a wrong or missing reference. Check that the person it "
                + "names exists in the HR system and is part of what this source reads (filters, inactive people), "
                + "then run sync --source " + source + " --full.";
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
