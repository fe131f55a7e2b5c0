package io.entrasync.trail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;
import io.entrasync.scim.ScimUser;
import io.entrasync.state.StateStore;

/**
 * The events of one run attempt or one reconciliation pass, streamed to a gzip temp file (a run of 100,000 people
 * holds none of them in memory) and written as one segment blob at the end.
 */
final class SegmentWriter implements TrailRecorder {

    private static final Logger LOG = Logger.getLogger(SegmentWriter.class);

    private final StateStore state;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String source;
    private final String run;
    private final TrailEvent header;
    private final String resultType;
    private Path file;
    private OutputStream out;
    private long events;
    private boolean broken;

    /**
     * @param header the run event ({@code null} for a reconciliation pass, whose lines are verdicts)
     */
    SegmentWriter(StateStore state, ObjectMapper mapper, Clock clock, String source, String run, TrailEvent header) {
        this.state = state;
        this.mapper = mapper;
        this.clock = clock;
        this.source = source;
        this.run = run;
        this.header = header;
        this.resultType = header != null ? TrailEvent.RESULT : TrailEvent.VERDICT;
    }

    @Override
    public void decided(ScimUser user, String kind, String detail) {
        TrailEvent event = TrailEvent.person(TrailEvent.DECIDED, clock.instant(), run, user.externalId(),
                user.sourcePosition(), kind.toLowerCase(Locale.ROOT), detail);
        boolean changed = "create".equalsIgnoreCase(kind) || "update".equalsIgnoreCase(kind)
                || "leaver".equalsIgnoreCase(kind);
        append(changed ? event.withValues(SentValues.of(user.data())) : event);
    }

    @Override
    public void result(ResultLine line) {
        boolean carried = line.outcome() == RecordOutcome.UNCHANGED && line.position() > 0;
        if (carried || line.externalId() == null || line.externalId().isEmpty()) {
            return; // unchanged and in the extract: answered from the run event; no externalId: nobody to trace
        }
        append(TrailEvent.person(resultType, clock.instant(), run, line.externalId(), line.position(),
                line.outcome().label(), line.detail()));
    }

    @Override
    public void finish(String status) {
        if (broken) {
            return;
        }
        boolean isRun = header != null;
        try {
            if (events == 0 && !isRun) {
                return;
            }
            if (isRun) {
                append(TrailEvent.run(clock.instant(), source, run, header.file(), header.complete(), status));
            }
            openStream().close();
            String path = TrailPaths.segment(source, clock.instant(), run, isRun ? "run" : "pass");
            state.put(path, Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not write the trail of run %s (trace will not show it): %s", run,
                    e.getMessage());
        } finally {
            deleteFile();
        }
    }

    private void append(TrailEvent event) {
        if (broken) {
            return;
        }
        try {
            OutputStream stream = openStream();
            stream.write(mapper.writeValueAsBytes(event));
            stream.write('\n');
            events++;
        } catch (IOException | RuntimeException e) {
            broken = true;
            LOG.warnf("Could not keep the trail of run %s (trace will not show it): %s", run,
                    e.getMessage());
            deleteFile();
        }
    }

    private OutputStream openStream() throws IOException {
        if (out == null) {
            file = Files.createTempFile("trail-", ".jsonl.gz");
            out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        }
        return out;
    }

    private void deleteFile() {
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", file, e.getMessage());
        }
    }
}
