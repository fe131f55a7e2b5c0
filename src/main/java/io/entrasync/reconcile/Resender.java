package io.entrasync.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.ledger.Ledger;
import io.entrasync.ledger.LedgerRecord;
import io.entrasync.plan.RecordRef;
import io.entrasync.plan.UploadPlan;
import io.entrasync.reconcile.RecordState.Status;
import io.entrasync.report.RecordOutcome;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;
import io.entrasync.upload.AcceptedCall;
import io.entrasync.upload.RecordFailure;
import io.entrasync.upload.UploadListener;
import io.entrasync.upload.UploadResult;
import io.entrasync.upload.UploadSettings;

/**
 * Step 3 of a reconciliation pass: sends again, through the upload engine, the records whose failure a re-send can
 * fix — the JSON exactly as last sent (from the ledger), all of a source's re-sends planned together (managers first,
 * full batches of 50) — and writes each accepted re-send to the ledger with its new attempt number.
 */
final class Resender {

    private static final Logger LOG = Logger.getLogger(Resender.class);

    private final Ledger ledger;
    private final GraphAccess graph;
    private final ObjectMapper mapper;
    private final ReconcileMetrics metrics;

    Resender(Ledger ledger, GraphAccess graph, ObjectMapper mapper, ReconcileMetrics metrics) {
        this.ledger = ledger;
        this.graph = graph;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /**
     * For a record whose manager reference could not be resolved: the manager's externalId when that manager has
     * neither been sent since the record nor is about to be re-sent with it; empty when a re-send can succeed.
     */
    private static Optional<String> managerNotSentSince(RecordState record, LoadedRun run,
            Map<String, Instant> newestSend, Set<String> toResend) {
        if (!ReconcileSettings.UNRESOLVED_REFERENCE.equals(record.errorCode())) {
            return Optional.empty();
        }
        LedgerRecord sent = run.lastSent.get(record.externalId());
        if (sent == null) {
            return Optional.empty();
        }
        String manager = sent.user().path(ScimSchemas.ENTERPRISE_USER).path("manager").path("value").asText("");
        if (manager.isEmpty() || toResend.contains(manager)) {
            return Optional.empty();
        }
        Instant managerSent = newestSend.get(manager);
        return managerSent != null && managerSent.isAfter(record.sentAt()) ? Optional.empty() : Optional.of(manager);
    }

    /**
     * @param recentRuns the source's latest runs, closed ones included (a manager's run may have closed before its
     *        report's skipped manager was decided); read only when something is to be re-sent
     */
    long resend(String source, UploadSettings upload, Map<String, LoadedRun> runs,
            Map<RecordOutcome, Long> decided, Instant now, Supplier<List<RunState>> recentRuns) {
        Map<String, Instant> newestSend = newestSends(runs, recentRuns);
        Set<String> toResend = new HashSet<>();
        runs.values().forEach(run -> run.records.values().stream().filter(record -> record.status() == Status.RESEND)
                .forEach(record -> toResend.add(record.externalId())));
        Map<String, LoadedRun> owners = new HashMap<>();
        List<ScimUser> users = new ArrayList<>();
        for (LoadedRun run : runs.values()) {
            for (RecordState record : List.copyOf(run.records.values())) {
                if (record.status() != Status.RESEND) {
                    continue;
                }
                Optional<String> absentManager = managerNotSentSince(record, run, newestSend, toResend);
                if (absentManager.isPresent()) {
                    // Sending it again before its manager reaches the job would fail the same way and burn quota.
                    run.update(record.decided(Status.FINAL, record.outcome(), record.detail()
                            + " Not re-sent: its manager '" + absentManager.get() + "' has not been sent through this"
                            + " job since; the record goes out again with the next run that sends it, after its"
                            + " manager.",
                            record.errorCode(), null, record.earlierAction(), now));
                    decided.merge(record.outcome(), 1L, Long::sum);
                    continue;
                }
                if (newestSend.get(record.externalId()).isAfter(record.sentAt())
                        || owners.containsKey(record.externalId())) {
                    RecordState after = record.decided(Status.FINAL, record.outcome(), record.detail()
                            + " Not sent again: a newer run sent a newer version of this record.", record.errorCode(),
                            null, record.earlierAction(), now);
                    run.update(after);
                    decided.merge(record.outcome(), 1L, Long::sum);
                    continue;
                }
                LedgerRecord sent = run.lastSent.get(record.externalId());
                if (sent == null) {
                    continue;
                }
                owners.put(record.externalId(), run);
                users.add(new ScimUser(record.externalId(), record.position(), sent.user()));
            }
        }
        if (users.isEmpty()) {
            return 0;
        }
        ResentRecords resent = new ResentRecords(owners, decided, now);
        UploadResult result = graph.engine(upload).upload(UploadPlan.of(users.iterator(), mapper), Set.of(), resent);
        if (!result.completed()) {
            LOG.warnf("Source %s: re-send stopped (%s); %d record(s) wait for the next pass: %s", source,
                    result.stop(), result.unsent().size(), result.stopDetail());
        }
        metrics.requests(source, "bulkUpload", result.stats().calls(), result.stats().throttled());
        result.quota().ifPresent(usage -> metrics.quotaLeft(source, usage.remaining()));
        return resent.count;
    }

    /** When each record was last sent, over the pass's runs and, when something is to be re-sent, the recent ones. */
    private static Map<String, Instant> newestSends(Map<String, LoadedRun> runs,
            Supplier<List<RunState>> recentRuns) {
        Map<String, Instant> newestSend = new HashMap<>();
        runs.values().forEach(run -> run.records.values().forEach(record -> newestSend.merge(record.externalId(),
                record.sentAt(), (a, b) -> a.isAfter(b) ? a : b)));
        boolean anyResend = runs.values().stream().anyMatch(run -> run.records.values().stream()
                .anyMatch(record -> record.status() == Status.RESEND));
        if (anyResend) {
            recentRuns.get().forEach(run -> run.records().values().forEach(record -> newestSend
                    .merge(record.externalId(), record.sentAt(), (a, b) -> a.isAfter(b) ? a : b)));
        }
        return newestSend;
    }

    /**
     * Writes what the upload engine says of each re-sent record to its run: an accepted re-send to the ledger with its
     * new attempt number, a refused one as final with the service's reason.
     */
    private final class ResentRecords implements UploadListener {
        private final Map<String, LoadedRun> owners;
        private final Map<RecordOutcome, Long> decided;
        private final Instant now;
        private long count;

        ResentRecords(Map<String, LoadedRun> owners, Map<RecordOutcome, Long> decided, Instant now) {
            this.owners = owners;
            this.decided = decided;
            this.now = now;
        }

        @Override
        public void onAccepted(AcceptedCall call) {
            Map<LoadedRun, List<LedgerRecord>> byRun = new LinkedHashMap<>();
            for (RecordRef ref : call.records()) {
                LoadedRun owner = owners.get(ref.externalId());
                RecordState record = owner.records.get(ref.externalId());
                ObjectNode user = owner.lastSent.get(ref.externalId()).user();
                LedgerRecord again = ledger.record(ref.externalId(), record.position(), record.attempt() + 1, user);
                byRun.computeIfAbsent(owner, o -> new ArrayList<>()).add(again);
            }
            byRun.forEach((owner, records) -> {
                ledger.resent(owner.run, call, records);
                for (LedgerRecord again : records) {
                    RecordState before = owner.records.get(again.externalId());
                    owner.update(RecordState.sent(again.externalId(), again.position(), again.attempt(),
                            call.acceptedAt(), before.detail(), before.changeIds(), before.earlierAction()));
                    owner.lastSent.put(again.externalId(), again);
                    count++;
                }
            });
        }

        @Override
        public void onRejected(int batchIndex, List<RecordFailure> failures) {
            for (RecordFailure failure : failures) {
                LoadedRun owner = owners.get(failure.record().externalId());
                RecordState record = owner.records.get(failure.record().externalId());
                owner.update(record.decided(Status.FINAL, record.outcome(), record.detail()
                        + " The re-send was refused: " + failure.reason(), record.errorCode(), null,
                        record.earlierAction(), now));
                decided.merge(record.outcome(), 1L, Long::sum);
            }
        }
    }
}
