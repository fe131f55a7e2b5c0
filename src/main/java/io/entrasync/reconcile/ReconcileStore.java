package io.entrasync.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.state.LeasePaths;
import io.entrasync.state.StateStore;

/**
 * Reconciliation's own state, beside the ledger:
 * <pre>
 * &lt;source&gt;/reconcile/runs/&lt;runId&gt;.json   per-record outcomes of a run ({@link RunState})
 * &lt;source&gt;/reconcile/watermark.json     per job: where the next log query starts ({@link Watermarks})
 * &lt;source&gt;/reconcile/lease              one reconciler per source at a time ({@link LeasePaths#reconcile})
 * </pre>
 */
final class ReconcileStore {

    /**
     * @param jobs per job: the instant the last complete log read began; the next read starts {@code overlap} before it
     * @param claims per-source claims of earlier versions (claims are kept per job now, {@link JobClaims}); read, no
     *        longer written, pruned away
     * @param late closed runs that still have unconfirmed records, by runId, with when to stop looking for their
     *        entries (the log retention after their last send): an entry that shows up late still corrects them
     */
    record Watermarks(Map<String, Instant> jobs, Map<String, Instant> claims, Map<String, Instant> late) {
        Watermarks {
            jobs = jobs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(jobs);
            claims = claims == null ? new LinkedHashMap<>() : new LinkedHashMap<>(claims);
            late = late == null ? new LinkedHashMap<>() : new LinkedHashMap<>(late);
        }

        /** Forgets claims older than {@code before}: no waiting send can match them any more. */
        void pruneClaims(Instant before) {
            claims.values().removeIf(time -> time.isBefore(before));
        }
    }

    /**
     * The changes of one provisioning job already matched to a send, by changeId, shared by every source that feeds
     * the job (two sources on one job never take each other's entries), kept while a waiting send could still mistake
     * them for its own. Kept at {@code jobs/<jobId>/claims.json}, changed only under {@code jobs/<jobId>/lease}.
     */
    record JobClaims(Map<String, Claim> claims) {
        JobClaims {
            claims = claims == null ? new LinkedHashMap<>() : new LinkedHashMap<>(claims);
        }

        boolean taken(String changeId) {
            return claims.containsKey(changeId);
        }

        void claim(String changeId, Instant time, String source, String externalId) {
            claims.put(changeId, new Claim(time, source, externalId));
        }

        void pruneBefore(Instant before) {
            claims.values().removeIf(claim -> claim.time() == null || claim.time().isBefore(before));
        }
    }

    /** Who took a change: the change's time, the source and the record. */
    record Claim(Instant time, String source, String externalId) {
    }

    private final StateStore state;
    private final ObjectMapper mapper;

    ReconcileStore(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    static String jobLeasePath(String jobId) {
        return jobFolder(jobId) + "lease";
    }

    JobClaims jobClaims(String jobId) {
        return state.read(jobFolder(jobId) + "claims.json").map(blob -> parse(blob.content(), JobClaims.class))
                .orElse(new JobClaims(Map.of()));
    }

    void save(String jobId, JobClaims claims) {
        state.put(jobFolder(jobId) + "claims.json", json(claims));
    }

    /** A job id as a blob folder: Microsoft's ids ({@code API2AAD.<hex>.<guid>}) are kept as they are. */
    private static String jobFolder(String jobId) {
        return "jobs/" + jobId.replaceAll("[^A-Za-z0-9._-]", "_") + "/";
    }

    Optional<RunState> run(String source, String runId) {
        return state.read(runPath(source, runId)).map(blob -> parse(blob.content(), RunState.class));
    }

    void save(RunState run) {
        state.put(runPath(run.run().source(), run.run().runId()), json(run));
    }

    /** The runs reconciliation has seen for a source, newest first, at most {@code limit}. */
    List<RunState> lastRuns(String source, int limit) {
        List<String> paths = new ArrayList<>(state.list(source + "/reconcile/runs/"));
        Collections.reverse(paths);
        List<RunState> runs = new ArrayList<>();
        for (String path : paths) {
            if (runs.size() >= limit) {
                break;
            }
            state.read(path).ifPresent(blob -> runs.add(parse(blob.content(), RunState.class)));
        }
        return runs;
    }

    Watermarks watermarks(String source) {
        return state.read(source + "/reconcile/watermark.json").map(blob -> parse(blob.content(), Watermarks.class))
                .orElse(new Watermarks(Map.of(), Map.of(), Map.of()));
    }

    void save(String source, Watermarks watermarks) {
        state.put(source + "/reconcile/watermark.json", json(watermarks));
    }

    private static String runPath(String source, String runId) {
        return source + "/reconcile/runs/" + runId + ".json";
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T parse(byte[] content, Class<T> type) {
        try {
            return mapper.readValue(content, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable reconciliation state: " + e.getMessage(), e);
        }
    }
}
