package io.entrasync.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the emulator remembers about one job: processed externalIds, quarantine, pause, its schema, uploads waiting
 * for processing.
 */
final class JobState {
    final JobRef ref;
    final JobSchema schema;
    private final Set<String> processed = new HashSet<>();
    private final List<BulkUpload> staged = new ArrayList<>();
    private boolean quarantined;
    private boolean paused;
    private Instant quarantineBegan;
    private int quarantineSeries;
    private Instant lastExecution;
    private int lastExecutionImported;
    private int inFlight;

    JobState(JobRef ref, ObjectMapper mapper) {
        this.ref = ref;
        this.schema = new JobSchema(mapper);
    }

    /** {@code POST .../pause}: accepted uploads wait, state is kept; {@code start} continues. */
    synchronized void setPaused(boolean on) {
        paused = on;
    }

    synchronized boolean paused() {
        return paused;
    }

    /** {@code restart} with {@code Full}: the job forgets what it processed (managers must be sent again). */
    synchronized void forgetProcessed() {
        processed.clear();
    }

    synchronized void markProcessed(String externalId) {
        processed.add(externalId);
    }

    synchronized boolean hasProcessed(String externalId) {
        return processed.contains(externalId);
    }

    synchronized boolean quarantined() {
        return quarantined;
    }

    synchronized Instant quarantineBegan() {
        return quarantineBegan;
    }

    synchronized void setQuarantined(boolean on, Instant now) {
        if (on && !quarantined) {
            quarantineBegan = now;
            quarantineSeries++;
        }
        quarantined = on;
        if (!on) {
            quarantineBegan = null;
        }
    }

    /** How many quarantines this job has been through (synchronizationQuarantine's {@code seriesCount}). */
    synchronized int quarantineSeries() {
        return quarantineSeries;
    }

    /** An upload was accepted (202) and waits for its processing delay. */
    synchronized void accepted() {
        inFlight++;
    }

    /** The processing delay is over: the upload is processed now (returns true) or staged while quarantined. */
    synchronized boolean startProcessing(BulkUpload upload) {
        inFlight--;
        if (quarantined || paused) {
            staged.add(upload);
            return false;
        }
        return true;
    }

    synchronized List<BulkUpload> takeStaged() {
        List<BulkUpload> out = List.copyOf(staged);
        staged.clear();
        return out;
    }

    synchronized int pending() {
        return inFlight + staged.size();
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized void executed(Instant when) {
        lastExecution = when;
    }

    /** How many operations the last processed upload carried (the job's {@code lastExecution.countImported}). */
    synchronized void imported(int count) {
        lastExecutionImported = count;
    }

    synchronized int lastExecutionImported() {
        return lastExecutionImported;
    }

    synchronized Instant lastExecution() {
        return lastExecution;
    }

    synchronized void reset() {
        processed.clear();
        staged.clear();
        quarantined = false;
        paused = false;
        quarantineBegan = null;
        quarantineSeries = 0;
        lastExecution = null;
        lastExecutionImported = 0;
        schema.reset();
    }
}
