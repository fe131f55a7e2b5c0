package io.entrasync.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.StateStore;

/**
 * The extracts that wait in the inbound container for something a retry cannot give: the daily quota to allow more
 * calls ({@code DEFERRED}), or an approval ({@code HELD}). A small marker per extract,
 * {@code <source>/waiting/<file>.json}, names the run, the inbound blob's ETag when it stopped and, for a deferred
 * run, when the quota has room again; so a timer or a poll can tell, from one listing of the inbound container and
 * without downloading or re-planning anything, which extracts are due: a deferred one once the quota has room again
 * (one read of the quota blob), a held one once approved, any one whose blob was replaced (another ETag).
 */
final class WaitingRuns {

    /** Why an extract waits. */
    public enum Reason {
        DEFERRED, HELD
    }

    /**
     * @param blobName the inbound blob
     * @param inboundEtag its ETag when the run stopped: another ETag is another extract, processed as new
     * @param runId the run that waits
     * @param reason what it waits for
     * @param notBefore for people: when the quota's oldest counted call stops counting, the latest a deferred run
     *        becomes due (a raised budget makes it due earlier); null for a held run
     */
    public record Waiting(String blobName, String inboundEtag, String runId, Reason reason, Instant notBefore) {
    }

    private final StateStore state;
    private final ObjectMapper mapper;

    public WaitingRuns(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper;
    }

    static String pathOf(InboundFile file) {
        return file.source() + "/waiting/" + file.fileName() + ".json";
    }

    public Optional<Waiting> find(InboundFile file) {
        return state.read(pathOf(file)).map(blob -> {
            try {
                return mapper.readValue(blob.content(), Waiting.class);
            } catch (IOException e) {
                return null; // unreadable: treated as not waiting, so the extract is simply processed
            }
        });
    }

    void record(InboundFile file, Waiting waiting) {
        try {
            state.put(pathOf(file), mapper.writeValueAsBytes(waiting));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear(InboundFile file) {
        state.delete(pathOf(file));
    }
}
