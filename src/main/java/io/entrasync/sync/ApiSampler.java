package io.entrasync.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.entrasync.auth.SecretScrubber;
import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingResult;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.source.AbsentColumns;
import io.entrasync.source.SourceRow;
import io.entrasync.source.rest.ApiRead;
import io.entrasync.source.rest.ApiSourceException;
import io.entrasync.source.rest.RestSource;
import io.entrasync.sync.references.ReadReferences;
import io.entrasync.sync.references.ReferenceIndexStore;
import io.entrasync.sync.references.ReferenceTranslation;
import io.entrasync.text.Printable;

/**
 * {@code sync --source NAME --sample N}: reads the first N records of a source (and stops reading), and shows each as
 * the mapping sees it (flattened field names, absent mapped fields as empty text, references translated) and what
 * the mapping makes of it. Sends nothing and writes nothing: no watermark, spool, snapshot or reference index.
 */
public final class ApiSampler {

    /** Longest value shown; a longer one is cut and its length said. */
    static final int SHOWN_VALUE_LENGTH = 120;

    /**
     * What a sample showed.
     *
     * @param lines what to print, every outside value already escaped and scrubbed of the source's secrets
     * @param read records read (at most the N asked for)
     * @param failed the read failed (its reason is the last line)
     */
    public record Sample(List<String> lines, int read, boolean failed) {
    }

    private final ApiSources apis;
    private final SourceCatalog sources;
    private final ReferenceIndexStore references;
    private final Clock clock;

    ApiSampler(ApiSources apis, SourceCatalog sources, ReferenceIndexStore references, Clock clock) {
        this.apis = apis;
        this.sources = sources;
        this.references = references;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException naming the key when the source or its mapping is not configured */
    Sample sample(String name, int count) {
        RestSource api = apis.source(name).orElseThrow(() -> new IllegalArgumentException("No API source named '"
                + name + "' is configured; configure sync.sources." + name + ".api.*"));
        SourceDefinition definition = sources.find(name).orElseThrow(() -> new IllegalArgumentException(
                "no mapping is configured for source '" + name + "'; set sync.sources." + name + ".mapping"));
        Mapping mapping = definition.mapping().at(clock);
        SecretScrubber scrubber = api.settings().auth().scrubber();
        ReadReferences refs = new ReadReferences(name, apis.references(name), references);
        List<String> lines = new ArrayList<>();
        List<SourceRow> rows = new ArrayList<>();
        try (ApiRead read = api.read(Optional.empty())) {
            while (rows.size() < count && read.hasNext()) {
                SourceRow row = AbsentColumns.asEmpty(read.next(), mapping.columns());
                if (row instanceof SourceRow.Parsed parsed) {
                    refs.see(parsed.record().values());
                }
                rows.add(row);
            }
        } catch (ApiSourceException | IllegalArgumentException e) {
            lines.add("The read failed after " + rows.size() + " record(s): " + scrubber.scrub(e.getMessage()));
            return new Sample(lines, rows.size(), true);
        }
        lines.add("Source '" + name + "': the first " + rows.size() + " record(s) of a full read (reading stopped "
                + "there). Nothing was sent and nothing was stored." + (refs.isEmpty() ? ""
                : " References are looked up among these records and those earlier syncs saw."));
        ReferenceTranslation translation = refs.preview();
        for (SourceRow row : rows) {
            describe(row, refs.isEmpty() ? row : translation.translate(row), mapping, scrubber, lines);
        }
        return new Sample(lines, rows.size(), false);
    }

    private static void describe(SourceRow row, SourceRow translated, Mapping mapping, SecretScrubber scrubber,
            List<String> lines) {
        lines.add("");
        lines.add("Record " + row.position() + " (" + row.location() + ")");
        if (row instanceof SourceRow.Parsed parsed) {
            lines.add("  fields (the names a mapping uses):");
            for (Map.Entry<String, String> field : parsed.record().values().entrySet()) {
                lines.add("    " + shown(field.getKey(), scrubber) + " = " + shown(field.getValue(), scrubber));
            }
        }
        if (translated instanceof SourceRow.Malformed bad) {
            lines.add("  rejected: " + shown(bad.reason(), scrubber, Integer.MAX_VALUE));
            return;
        }
        SourceRow.Parsed ready = (SourceRow.Parsed) translated;
        if (ready != row) {
            ready.record().values().forEach((field, value) -> {
                if (!value.equals(((SourceRow.Parsed) row).record().get(field))) {
                    lines.add("  reference " + shown(field, scrubber) + " = " + shown(value, scrubber)
                            + " (translated)");
                }
            });
        }
        MappingResult result = mapping.map(ready.record());
        if (result.isValid()) {
            lines.add("  maps to: " + shown(result.user().data().toString(), scrubber, Integer.MAX_VALUE));
        } else {
            for (FieldError error : result.errors()) {
                lines.add("  rejected: " + shown(error.field(), scrubber) + ": "
                        + shown(error.message(), scrubber, Integer.MAX_VALUE));
            }
        }
    }

    private static String shown(String text, SecretScrubber scrubber) {
        return shown(text, scrubber, SHOWN_VALUE_LENGTH);
    }

    private static String shown(String text, SecretScrubber scrubber, int limit) {
        String clean = scrubber.scrub(text);
        String cut = clean.length() <= limit ? clean
                : clean.substring(0, limit) + "… (" + clean.length() + " characters)";
        return Printable.escape(cut);
    }
}
