package io.entrasync.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.state.ConcurrentUpdateException;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * The records of a source whose mapped result changes on a date with no change in the record (an exit date, a start
 * date compared with {@code today}): {@code <source>/due/records.json}, beside the snapshot. Each entry holds the
 * moment of the change and the record's values as last read, so the resume timer can map it again then and send it
 * when it differs, whether or not a new extract or API change ever comes.
 *
 * <p>Every run of the source replaces the entries of the records it read ({@link #update}); the timer takes the
 * entries that came due ({@link #takeDue}) after it wrote them out. Both write with the blob's ETag and try again
 * on a concurrent change, so neither loses the other's entries.
 */
public final class DueRecords {

    /**
     * One record with a change to come.
     *
     * @param externalId the record's externalId
     * @param at when its result can next change
     * @param values the record's columns, as read by the run that found the date
     */
    public record Due(String externalId, Instant at, Map<String, String> values) {
    }

    /** The blob's content. */
    public record Stored(List<Due> records) {
    }

    /** What one run read: every record it saw, and the changes to come it found. */
    public static final class Found {
        private final Set<String> seen = new HashSet<>();
        private final Map<String, Due> found = new LinkedHashMap<>();

        /** A record the run read; {@code at} is null when its result does not change on a date. */
        public void add(String externalId, Instant at, Map<String, String> values) {
            if (externalId == null || externalId.isBlank()) {
                return;
            }
            seen.add(externalId);
            if (at == null) {
                found.remove(externalId);
            } else {
                found.put(externalId, new Due(externalId, at, values));
            }
        }
    }

    private static final int ATTEMPTS = 5;

    private final StateStore state;
    private final ObjectMapper mapper;

    public DueRecords(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    static String pathOf(String source) {
        return source + "/due/records.json";
    }

    /** Every entry of a source, earliest first. */
    public List<Due> list(String source) {
        return state.read(pathOf(source)).map(blob -> parse(source, blob)).orElse(List.of());
    }

    /**
     * Records what a run learnt: the records it read ({@code seen}) lose their entry unless {@code found} gives them
     * a new one; the records it did not read keep theirs.
     */
    public void update(String source, Found run) {
        Set<String> seen = run.seen;
        Map<String, Due> found = run.found;
        if (seen.isEmpty()) {
            return;
        }
        change(source, entries -> {
            Map<String, Due> next = new LinkedHashMap<>();
            for (Due due : entries) {
                if (!seen.contains(due.externalId())) {
                    next.put(due.externalId(), due);
                }
            }
            next.putAll(found);
            return new ArrayList<>(next.values());
        });
    }

    /**
     * The entries due at {@code now}, handed to {@code writeOut} (which makes them a run of their own) and then
     * removed: an entry is removed only once written out, so a crash in between writes it out again (the run then
     * finds the record identical to what was accepted, and sends nothing twice).
     */
    public List<Due> takeDue(String source, Instant now, Consumer<List<Due>> writeOut) {
        List<Due> due = list(source).stream().filter(entry -> !entry.at().isAfter(now)).toList();
        if (due.isEmpty()) {
            return due;
        }
        writeOut.accept(due);
        Set<String> taken = new HashSet<>();
        due.forEach(entry -> taken.add(entry.externalId() + "@" + entry.at()));
        change(source, entries -> entries.stream().filter(entry -> !taken.contains(entry.externalId() + "@"
                + entry.at())).toList());
        return due;
    }

    /**
     * What {@code status} lists: the changes due within {@code days} days of {@code now}, earliest first, at most
     * {@code limit}, as "externalId on date" in the source's zone; empty when none.
     */
    public List<String> describeComing(String source, Instant now, int days, ZoneId zone, int limit) {
        Instant until = now.plus(Duration.ofDays(days));
        return list(source).stream().filter(entry -> entry.at().isBefore(until)).limit(limit)
                .map(entry -> entry.externalId() + " on " + entry.at().atZone(zone).toLocalDate()
                        + (entry.at().isAfter(now) ? "" : " (due now: the resume timer sends it)"))
                .toList();
    }

    private void change(String source, UnaryOperator<List<Due>> edit) {
        String path = pathOf(source);
        for (int attempt = 1; ; attempt++) {
            Optional<StoredBlob> current = state.read(path);
            List<Due> entries = current.map(blob -> parse(source, blob)).orElse(List.of());
            List<Due> next = new ArrayList<>(edit.apply(entries));
            next.sort(Comparator.comparing(Due::at).thenComparing(Due::externalId));
            byte[] content = bytes(new Stored(next));
            try {
                if (current.isPresent()) {
                    state.replace(path, content, current.get().etag());
                } else {
                    state.create(path, content);
                }
                return;
            } catch (ConcurrentUpdateException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private List<Due> parse(String source, StoredBlob blob) {
        try {
            return mapper.readValue(blob.content(), Stored.class).records();
        } catch (IOException e) {
            throw new UncheckedIOException("The state blob " + pathOf(source) + " (changes to come) is unreadable: "
                    + e.getMessage() + "; delete it and send the source's next extract in full (drop --full)", e);
        }
    }

    private byte[] bytes(Stored stored) {
        try {
            return mapper.writeValueAsBytes(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
