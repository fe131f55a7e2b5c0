package io.entrasync.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.state.ConcurrentUpdateException;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * {@code <source>/snapshot/failed.json}: externalId → {@link FailedMark} for records whose latest reconciled send
 * failed. Reconciliation writes it (a failure adds, a later success removes); delta runs read it and send those
 * records again. It stays small (failures only) so reconciliation never rewrites the snapshot itself.
 */
public final class FailedRecords {

    private static final TypeReference<TreeMap<String, FailedMark>> TYPE = new TypeReference<>() {
    };
    private static final int ATTEMPTS = 10;

    private final StateStore state;
    private final ObjectMapper mapper;

    public FailedRecords(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    static String path(String source) {
        return source + "/snapshot/failed.json";
    }

    public Map<String, FailedMark> load(String source) {
        return state.read(path(source)).map(this::parse).orElseGet(TreeMap::new);
    }

    /** Applies reconciled verdicts: the newest send of a record decides whether it is marked. */
    public void record(String source, Collection<RecordVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            Optional<StoredBlob> blob = state.read(path(source));
            SortedMap<String, FailedMark> marks = blob.map(this::parse).orElseGet(TreeMap::new);
            boolean changed = false;
            for (RecordVerdict verdict : verdicts) {
                FailedMark mark = marks.get(verdict.externalId());
                if (mark != null && mark.sentAt().isAfter(verdict.sentAt())) {
                    continue; // a newer send already decided
                }
                if (verdict.failed()) {
                    marks.put(verdict.externalId(), new FailedMark(verdict.sentAt(), verdict.outcome(),
                            verdict.detail()));
                    changed = true;
                } else if (mark != null) {
                    marks.remove(verdict.externalId());
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
            try {
                byte[] json = mapper.writeValueAsBytes(marks);
                if (blob.isEmpty()) {
                    state.create(path(source), json);
                } else {
                    state.replace(path(source), json, blob.get().etag());
                }
                return;
            } catch (ConcurrentUpdateException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private SortedMap<String, FailedMark> parse(StoredBlob blob) {
        try {
            return mapper.readValue(blob.content(), TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + "failed-records state: " + e.getMessage(), e);
        }
    }
}
