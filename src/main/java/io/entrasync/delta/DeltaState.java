package io.entrasync.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.state.StateStore;

/**
 * The small blobs of delta runs beside the snapshot:
 * <pre>
 * &lt;source&gt;/delta/open/&lt;runId&gt;.json    a run's plan while it is unfinished or held ({@link DeltaRunRecord})
 * &lt;source&gt;/delta/full-next          present: the next extract of the source is sent in full ({@code drop --full})
 * &lt;source&gt;/approvals/&lt;runId&gt;         present: the held run may go ahead ({@code approve}, or uploaded by an
 * admin)
 * </pre>
 */
public final class DeltaState {

    private final StateStore state;
    private final ObjectMapper mapper;

    public DeltaState(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    public static String approvalPath(String source, String runId) {
        return source + "/approvals/" + runId;
    }

    static String openPath(String source, String runId) {
        return source + "/delta/open/" + runId + ".json";
    }

    static String fullNextPath(String source) {
        return source + "/delta/full-next";
    }

    public Optional<DeltaRunRecord> openRun(String source, String runId) {
        return state.read(openPath(source, runId)).map(blob -> parse(blob.content()));
    }

    /** Every unfinished or held run of a source. */
    public List<DeltaRunRecord> openRuns(String source) {
        List<DeltaRunRecord> runs = new ArrayList<>();
        for (String path : state.list(source + "/delta/open/")) {
            state.read(path).ifPresent(blob -> runs.add(parse(blob.content())));
        }
        return runs;
    }

    void save(String source, DeltaRunRecord record) {
        try {
            state.put(openPath(source, record.runId()), mapper.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close(String source, String runId) {
        state.delete(openPath(source, runId));
    }

    /** Who approved the run, when an approval exists. */
    public Optional<String> approval(String source, String runId) {
        return state.read(approvalPath(source, runId)).map(blob -> {
            String text = new String(blob.content(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "approved (approval blob " + approvalPath(source, runId) + ")" : text;
        });
    }

    public void approve(String source, String runId, String by, Instant at) {
        state.put(approvalPath(source, runId), ("approved by " + by + " at " + at).getBytes(StandardCharsets.UTF_8));
    }

    public void requestFullRun(String source, String by, Instant at) {
        state.put(fullNextPath(source), ("requested by " + by + " at " + at).getBytes(StandardCharsets.UTF_8));
    }

    boolean fullRunRequested(String source) {
        return state.read(fullNextPath(source)).isPresent();
    }

    void clearFullRunRequest(String source) {
        state.delete(fullNextPath(source));
    }

    private DeltaRunRecord parse(byte[] content) {
        try {
            return mapper.readValue(content, DeltaRunRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable delta run state: " + e.getMessage(), e);
        }
    }
}
