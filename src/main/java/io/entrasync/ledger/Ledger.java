package io.entrasync.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.scim.ScimUser;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;
import io.entrasync.upload.AcceptedCall;

/**
 * What was sent, when, in which run: one blob per accepted call and run, in the state container.
 *
 * <pre>
 * &lt;source&gt;/ledger/open/&lt;runId&gt;.json              a run with records not yet reconciled (its {@link
 * LedgerRun})
 * &lt;source&gt;/ledger/runs/&lt;runId&gt;/b00000.json      the run's own call for batch 0 (rewritten if a resumed run
 * sends it again)
 * &lt;source&gt;/ledger/runs/&lt;runId&gt;/r&lt;millis&gt;-&lt;bulkId&gt;.json  a re-send by reconciliation
 * </pre>
 * The marker is written before the call blob and removed by reconciliation once every record of the run has a final
 * outcome; a later call of the same run (a resumed extract) writes it again.
 */
public final class Ledger implements RunObserver {

    private final StateStore state;
    private final ObjectMapper mapper;

    public Ledger(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    @Override
    public void accepted(LedgerRun run, AcceptedCall call, List<ScimUser> users) {
        List<LedgerRecord> records = new ArrayList<>(users.size());
        for (ScimUser user : users) {
            records.add(record(user.externalId(), user.sourcePosition(), 1, user.data()));
        }
        write(new LedgerCall(run, call.batchIndex(), call.bulkIdPrefix(), call.acceptedAt(), call.attempts(), records));
    }

    /** Records a re-send of {@code records} (each with its new attempt number) accepted in {@code call}. */
    public void resent(LedgerRun run, AcceptedCall call, List<LedgerRecord> records) {
        write(new LedgerCall(run, -1, call.bulkIdPrefix(), call.acceptedAt(), call.attempts(), records));
    }

    /** A ledger record for {@code user} at {@code attempt}, with the hash of its JSON. */
    public LedgerRecord record(String externalId, long position, int attempt, ObjectNode user) {
        return new LedgerRecord(externalId, position, attempt, sha256(user), user);
    }

    private void write(LedgerCall call) {
        LedgerRun run = call.run();
        state.put(openPath(run.source(), run.runId()), json(run));
        state.put(callPath(call), json(call));
    }

    /** The runs of {@code source} that still have records without a final outcome, oldest run first. */
    public List<LedgerRun> openRuns(String source) {
        List<LedgerRun> runs = new ArrayList<>();
        for (String path : state.list(source + "/ledger/open/")) {
            state.read(path).ifPresent(blob -> runs.add(parse(blob, LedgerRun.class)));
        }
        return runs;
    }

    /** Every call of a run, in the order they were made. */
    public List<LedgerCall> calls(String source, String runId) {
        List<LedgerCall> calls = new ArrayList<>();
        for (String path : state.list(source + "/ledger/runs/" + runId + "/")) {
            state.read(path).ifPresent(blob -> calls.add(parse(blob, LedgerCall.class)));
        }
        calls.sort(Comparator.comparing(LedgerCall::calledAt));
        return calls;
    }

    /** Marks a run fully reconciled: it is no longer read by reconciliation passes. Its call blobs stay. */
    public void close(LedgerRun run) {
        state.delete(openPath(run.source(), run.runId()));
    }

    /** Whether the run is still open (for tests and the status command). */
    public boolean isOpen(String source, String runId) {
        return state.read(openPath(source, runId)).isPresent();
    }

    public Optional<LedgerRun> openRun(String source, String runId) {
        return state.read(openPath(source, runId)).map(blob -> parse(blob, LedgerRun.class));
    }

    static String openPath(String source, String runId) {
        return source + "/ledger/open/" + runId + ".json";
    }

    static String callPath(LedgerCall call) {
        String folder = call.run().source() + "/ledger/runs/" + call.run().runId() + "/";
        return call.batchIndex() >= 0
                ? folder + String.format("b%05d.json", call.batchIndex())
                : folder + "r" + call.calledAt().toEpochMilli() + "-" + call.bulkIdPrefix() + ".json";
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T parse(StoredBlob blob, Class<T> type) {
        try {
            return mapper.readValue(blob.content(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable ledger blob: " + e.getMessage(), e);
        }
    }

    private String sha256(ObjectNode user) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(mapper.writeValueAsBytes(user)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
