package io.entrasync.validate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingException;
import io.entrasync.mapping.MappingResult;
import io.entrasync.mapping.RejectionReason;
import io.entrasync.source.ExtractException;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractReader;
import io.entrasync.source.ReadAheadReader;
import io.entrasync.source.SourceRecord;
import io.entrasync.source.SourceRow;

/**
 * The one entry point from an HR extract to uploadable users: reads, maps and validates a whole extract and hands
 * the caller exactly one {@link ExtractOutcome} per input record, in source order, then returns the totals.
 * <pre>{@code
 * Mapping mapping = MappingLoader.load(mappingFile);
 * ExtractSummary summary = ExtractPipeline.process(ExtractInput.of(csvFile), mapping, outcome -> {
 *     if (outcome instanceof ExtractOutcome.Valid valid) {
 *         batcher.add(valid.user());                 // a complete ScimUser
 *     } else if (outcome instanceof ExtractOutcome.Rejected rejected) {
 *         report.add(rejected.record());             // line, externalId, field, reason
 *     }
 * });
 * }</pre>
 *
 * <p>Two streaming passes, never the whole file in memory: the first reads only the externalId's columns and
 * indexes every externalId compactly ({@link ExternalIdIndex}), the second maps each record and rejects those whose
 * externalId is empty or shared
 * with another record. Records sharing an externalId are <em>all</em> rejected, each naming the other lines: which
 * of two people with the same id is the right one is for HR to decide, never "last one wins". Hence
 * {@link ExtractInput} must be re-openable and return the same bytes both times (pin a blob to its ETag).
 * Parsing runs on a read-ahead thread ({@link ReadAheadReader}); mapping and the sink run on the calling thread.
 *
 * @see io.entrasync.mapping.Mapping the per-record rules
 */
public final class ExtractPipeline {

    private static final int PROGRESS_EVERY = 10_000;
    private static final int MAX_LINES_NAMED = 20;

    private ExtractPipeline() {
    }

    /**
     * Reads, maps and validates {@code input}.
     *
     * @param sink receives one outcome per input record, in source order, on the calling thread
     * @return the totals
     * @throws MappingException when the mapping reads columns the extract does not have (nothing was handed out)
     * @throws ExtractException when the extract cannot be read (no or bad header: before anything was handed out;
     *         an I/O failure or content that changed between the two passes: possibly after some outcomes, and the
     *         caller must then discard the run)
     */
    public static ExtractSummary process(ExtractInput input, Mapping mapping, Consumer<ExtractOutcome> sink) {
        return process(input, mapping, sink, ProgressListener.NONE);
    }

    /** {@link #process(ExtractInput, Mapping, Consumer)} telling {@code progress} how far it has come. */
    public static ExtractSummary process(ExtractInput input, Mapping mapping, Consumer<ExtractOutcome> sink,
            ProgressListener progress) {
        return process(input.name(), onlyColumns -> ExtractReader.open(input, onlyColumns), mapping, sink, progress);
    }

    /**
     * Opens a fresh reader over the same records each time it is called, reading at least {@code onlyColumns}
     * ({@code null}: all columns). Lets sources other than files (an HR API spooled to disk, a test) use the
     * pipeline. A reader whose {@link ExtractReader#columns()} is empty has no fixed header: the mapping's columns
     * are then not checked up front, and a missing value shows per record.
     */
    @FunctionalInterface
    public interface ReaderOpener {
        ExtractReader open(Set<String> onlyColumns);
    }

    /** The pipeline over any re-openable source of {@link SourceRow}s; {@code name} is used in messages. */
    public static ExtractSummary process(String name, ReaderOpener opener, Mapping mapping,
            Consumer<ExtractOutcome> sink, ProgressListener progress) {
        return process(name, opener, mapping, new UniqueClaims(), sink, progress);
    }

    /**
     * {@link #process(ExtractInput, Mapping, Consumer, ProgressListener)} giving the mapping's unique values against
     * {@code claims}, the values the source gave out before; the values given now are added to it.
     */
    public static ExtractSummary process(ExtractInput input, Mapping mapping, UniqueClaims claims,
            Consumer<ExtractOutcome> sink, ProgressListener progress) {
        return process(input.name(), onlyColumns -> ExtractReader.open(input, onlyColumns), mapping, claims, sink,
                progress);
    }

    /** The pipeline over any re-openable source, giving unique values against {@code claims}. */
    public static ExtractSummary process(String name, ReaderOpener opener, Mapping mapping, UniqueClaims claims,
            Consumer<ExtractOutcome> sink, ProgressListener progress) {
        return process(name, opener, mapping, new Unique(claims, DirectoryCheck.OFF), sink, progress);
    }

    /**
     * What unique values are given against: the values the source gave before, and the directory check for the
     * values given now.
     */
    public record Unique(UniqueClaims claims, DirectoryCheck directory) {
    }

    /** {@link #process(ExtractInput, Mapping, UniqueClaims, Consumer, ProgressListener)} with a directory check. */
    public static ExtractSummary process(ExtractInput input, Mapping mapping, Unique unique,
            Consumer<ExtractOutcome> sink, ProgressListener progress) {
        return process(input.name(), onlyColumns -> ExtractReader.open(input, onlyColumns), mapping, unique, sink,
                progress);
    }

    /**
     * The pipeline over any re-openable source, giving unique values against {@code unique}.
     *
     * @throws ExtractException also when the directory check fails (before anything was handed out)
     */
    public static ExtractSummary process(String name, ReaderOpener opener, Mapping mapping, Unique unique,
            Consumer<ExtractOutcome> sink, ProgressListener progress) {
        Index index = indexExternalIds(name, opener, mapping, unique, progress);
        Map<RejectionReason, Long> byReason = new EnumMap<>(RejectionReason.class);
        long read = 0;
        long valid = 0;
        String encoding;
        List<String> columns;
        try (ExtractReader reader = ReadAheadReader.of(opener.open(null), name)) {
            columns = reader.columns();
            encoding = reader.describeEncoding();
            if (!columns.equals(index.columns)) {
                throw changed(name);
            }
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                read++;
                ExtractOutcome outcome = outcome(row, mapping, index);
                if (outcome instanceof ExtractOutcome.Valid) {
                    valid++;
                } else {
                    ((ExtractOutcome.Rejected) outcome).record().errors().stream().map(FieldError::reason).distinct()
                            .forEach(reason -> byReason.merge(reason, 1L, Long::sum));
                }
                sink.accept(outcome);
                if (read % PROGRESS_EVERY == 0) {
                    progress.progress(ProgressListener.Pass.MAP, read, index.rows);
                }
            }
        }
        if (read != index.rows) {
            throw changed(name);
        }
        progress.progress(ProgressListener.Pass.MAP, read, index.rows);
        return new ExtractSummary(name, encoding, columns, read, valid, read - valid, byReason,
                index.externalIds.duplicatedIds(), index.unique.stream().map(UniqueValues::summary).toList());
    }

    private record Index(List<String> columns, ExternalIdIndex externalIds, long rows, List<UniqueValues> unique) {
    }

    private static Index indexExternalIds(String name, ReaderOpener opener, Mapping mapping, Unique given,
            ProgressListener progress) {
        ExternalIdIndex index = new ExternalIdIndex();
        List<UniqueValues> unique = mapping.uniqueRules().stream()
                .map(rule -> new UniqueValues(mapping, rule, given.claims(), index, given.directory())).toList();
        Set<String> columns = new LinkedHashSet<>(mapping.externalIdColumns());
        mapping.uniqueRules().forEach(rule -> columns.addAll(rule.columns()));
        long rows = 0;
        try (ExtractReader reader = ReadAheadReader.of(opener.open(columns), name)) {
            if (!reader.columns().isEmpty()) {
                mapping.validateAgainst(reader.columns(), name);
            }
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
                if (row instanceof SourceRow.Parsed parsed) {
                    String externalId = mapping.externalIdOf(parsed.record());
                    if (externalId != null) {
                        int key = index.add(externalId, parsed.position());
                        unique.forEach(values -> values.claim(parsed.record(), externalId, key));
                    }
                }
                if (rows % PROGRESS_EVERY == 0) {
                    progress.progress(ProgressListener.Pass.INDEX, rows, -1);
                }
            }
            unique.forEach(UniqueValues::assign);
            return new Index(reader.columns(), index, rows, unique);
        }
    }

    private static ExtractOutcome outcome(SourceRow row, Mapping mapping, Index indexed) {
        ExternalIdIndex index = indexed.externalIds;
        if (row instanceof SourceRow.Malformed malformed) {
            String externalId = mapping.externalIdOfPartialRow(new SourceRecord(malformed.position(),
                    malformed.location(), malformed.partialValues()));
            return new ExtractOutcome.Rejected(new RejectedRecord(malformed.position(), malformed.location(),
                    externalId, List.of(new FieldError("row", RejectionReason.MALFORMED_ROW, malformed.reason()))));
        }
        SourceRecord record = ((SourceRow.Parsed) row).record();
        MappingResult result = mapping.map(record);
        String externalId = result.externalId();
        List<FieldError> errors = IdentifierCheck.check(result, result.errors());
        int key = externalId == null ? -1 : index.key(externalId);
        long[] sharing = index.linesIfShared(key);
        if (sharing != null) {
            List<FieldError> withDuplicate = new ArrayList<>(errors.size() + 1);
            withDuplicate.add(duplicate(externalId, record, sharing));
            withDuplicate.addAll(errors);
            errors = withDuplicate;
        }
        ExtractOutcome.ComingChange change = result.changesAt() == null ? null
                : new ExtractOutcome.ComingChange(result.changesAt(), record.values());
        if (errors.isEmpty() && !indexed.unique.isEmpty()) {
            errors = giveUniqueValues(indexed, result, record, key);
        }
        if (errors.isEmpty()) {
            return new ExtractOutcome.Valid(result.user(), change, result.held());
        }
        return new ExtractOutcome.Rejected(new RejectedRecord(record.position(), record.location(), externalId,
                errors), change);
    }

    private static List<FieldError> giveUniqueValues(Index indexed, MappingResult result, SourceRecord record,
            int key) {
        List<FieldError> errors = List.of();
        for (UniqueValues values : indexed.unique) {
            FieldError error = values.apply(result.user(), record, key);
            if (error != null) {
                errors = errors.isEmpty() ? new ArrayList<>(1) : errors;
                errors.add(error);
            }
        }
        return errors;
    }

    private static FieldError duplicate(String externalId, SourceRecord record, long[] lines) {
        StringBuilder others = new StringBuilder();
        int named = 0;
        for (long line : lines) {
            if (line == record.position()) {
                continue;
            }
            if (named == MAX_LINES_NAMED) {
                others.append(" and ").append(lines.length - 1 - named).append(" more");
                break;
            }
            others.append(named == 0 ? "" : ", ").append(line);
            named++;
        }
        int otherCount = lines.length - 1;
        return new FieldError("externalId", RejectionReason.DUPLICATE_EXTERNAL_ID, "externalId '" + externalId
                + "' is also on line" + (otherCount == 1 ? " " : "s ") + others + "; none of these " + lines.length
                + " records is uploaded until the HR data gives each person their own id");
    }

    private static ExtractException changed(String name) {
        return new ExtractException(name + " changed while it was being read (the two passes saw different "
                + "content); nothing from this run may be uploaded. Read a stable copy (for a blob, pin its ETag).");
    }
}
