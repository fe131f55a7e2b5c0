package io.entrasync.upload;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.retry.Sleeper;
import io.entrasync.state.ConcurrentUpdateException;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;
import io.entrasync.upload.TenantWindowBlob.Held;

/**
 * The tenant's call window shared by every process that uses one state store: Functions instances, a CLI beside
 * them, several uploads in one process. One small blob holds every slot taken over the last window (its format:
 * {@link TenantWindowBlob}). A slot is held from {@code at} (when its call may leave) until {@code until}, the end
 * {@link PacingSettings.Hold} gives it on the claiming process's clock once the call's answer came: one window after
 * the request's body was sent plus the call's send margin, learned from its answer ({@link SendMargin}), or after its
 * answer if that came first; with {@link PacingSettings.Hold#ANSWER} one window after the answer (see
 * {@link CallPacer}). A 429 raises the least send margin, which the blob shares. Each instance counts the slots of
 * other instances the clock margin longer, for the clocks of different machines; its own slots, measured on its own
 * clock, get none. {@code until} is not known yet ({@link HoldRule#UNKNOWN}) while the call is claimed or in flight;
 * such a slot counts as held for as long as an attempt can last ({@code maxAttempt}: a crashed process's slots free
 * up after that). So the service never sees more than {@code calls} in any window, however late a request leaves or
 * arrives.
 *
 * <p>A process claims up to {@code maxClaim} slots in one ETag-guarded read-modify-write (a conflict re-reads and
 * tries again), each at the earliest time from which fewer than {@code calls} slots would be held at every later
 * moment, then sends each call at its claimed time (or later, which is harmless). It reports when its calls' answers
 * arrived with its next write, and at the latest about one second after an answer (well before the slot could be
 * reused, five seconds later), so the blob is touched about once per claimed block and second per busy process,
 * never once per call. When every slot is held by calls still in flight elsewhere it re-reads after a short pause.
 * Claims not used when an upload ends are removed.
 *
 * <p>Why a shared schedule rather than one upload lease per tenant: several sources keep their own leases and
 * overlap their calls freely; no process waits for another to finish, a slow or crashed holder never stalls the
 * tenant for longer than one attempt can last. See docs/architecture.md.
 */
public final class TenantCallWindow implements CallPacer {

    /**
     * Added to the end of another instance's slot for the clocks of different machines (Azure hosts are kept within
     * milliseconds by their time sync); an instance's own slots need no margin, as they are measured on one clock.
     */
    public static final Duration DEFAULT_CLOCK_MARGIN = Duration.ofMillis(50);
    /** The pause before re-reading when every slot is held by calls whose answers are not reported yet. */
    static final Duration POLL = Duration.ofMillis(100);
    /** An answer is reported at the latest this long after it arrived (a slot can be reused one window later). */
    static final Duration REPORT_WITHIN = Duration.ofSeconds(1);
    private static final int MAX_CONFLICT_RETRIES = 50;
    private static final Logger LOG = Logger.getLogger(TenantCallWindow.class);

    private final StateStore store;
    private final String path;
    private final PacingSettings pacing;
    private final long windowMillis;
    /** Added after a sent call's window (see {@link HoldRule}): learned, {@code upload.pacing.send-margin} at least. */
    private final SendMargin sendMargin;
    private final int maxClaim;
    /** An answer is reported at the latest this long after it arrived: {@link #REPORT_WITHIN}, or a fifth window. */
    private final long reportWithinMillis;
    private final TenantWindowBlob blob;
    private final WindowSchedule schedule;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String owner = UUID.randomUUID().toString().substring(0, 8);
    /** One caller of {@link #awaitSlot} claims and waits at a time (the others queue behind it). */
    private final ReentrantLock waiting = new ReentrantLock();
    /** One blob update at a time from this instance. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Guards the fields below, never held during a blob round trip or a sleep. */
    private final Object local = new Object();
    /** Slots claimed by this instance and not used yet, earliest first. */
    private final ArrayDeque<Claim> claimed = new ArrayDeque<>();
    /** Ends of this instance's slots (slot id → until) not written to the blob yet. */
    private final Map<String, Long> unreported = new HashMap<>();
    /** When this instance's calls in flight were sent (slot id → millis). */
    private final Map<String, Long> sentAt = new HashMap<>();
    /** Calls answered before the fastest round trip was known: held past their answer until it is (slot id → call). */
    private final Map<String, Answered> provisional = new HashMap<>();
    /** Every slot held until its answer: the rule, or a 429 seen although the window was kept. */
    private boolean untilAnswer;
    private long nextId;
    private long lastWriteMillis;
    private long blobRoundTrips;

    private record Claim(String id, long at) {
    }

    /** A call's claimed time, send mark and answer, for computing its end again. */
    private record Answered(long at, long sent, long answered) {
    }

    /**
     * How the instances sharing one window allow for each other.
     *
     * @param clockMargin added to the end of other instances' slots for the clocks of different machines (an
     *                    instance's own slots get none)
     * @param maxClaim    most slots claimed in one blob round trip (never more than a window's worth)
     * @param maxAttempt  the longest one attempt can wait for its answer (connect and request timeouts): how long a
     *                    slot whose end was never reported (a crashed process) is held
     */
    public record Sharing(Duration clockMargin, int maxClaim, Duration maxAttempt) {
    }

    public TenantCallWindow(StateStore store, String path, PacingSettings pacing, Sharing sharing, ObjectMapper mapper,
            Clock clock, Sleeper sleeper) {
        this.store = store;
        this.path = path;
        this.pacing = pacing;
        this.windowMillis = pacing.window().toMillis();
        long clockMarginMillis = sharing.clockMargin().toMillis();
        this.sendMargin = SendMargin.inMillis(pacing, clock::millis);
        this.untilAnswer = pacing.hold() == PacingSettings.Hold.ANSWER;
        this.maxClaim = Math.max(1, Math.min(sharing.maxClaim(), pacing.calls()));
        this.reportWithinMillis = Math.min(REPORT_WITHIN.toMillis(), windowMillis / 5);
        this.blob = new TenantWindowBlob(mapper, path, pacing.calls(), windowMillis, clockMarginMillis);
        this.schedule = new WindowSchedule(owner, pacing.calls(), windowMillis, clockMarginMillis,
                sharing.maxAttempt().toMillis(), sendMargin.floor() + clockMarginMillis);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The blob path of the window shared by everything that calls one tenant. */
    public static String pathFor(String sharingKey) {
        return "pacing/" + sharingKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }

    @Override
    public Slot awaitSlot(int callsExpected) throws InterruptedException {
        waiting.lockInterruptibly();
        try {
            while (true) {
                Claim next;
                synchronized (local) {
                    next = claimed.peekFirst();
                }
                if (next == null) {
                    if (claim(Math.max(1, Math.min(callsExpected, maxClaim))) == 0) {
                        // every slot is held by calls in flight: wait for an answer here, or another process's
                        synchronized (local) {
                            local.wait(POLL.toMillis());
                        }
                    }
                    continue;
                }
                long now = clock.millis();
                if (next.at() > now) {
                    sleeper.sleep(Duration.ofMillis(next.at() - now));
                    continue;
                }
                synchronized (local) {
                    claimed.pollFirst();
                }
                return new Slot() {
                    private boolean ended;

                    @Override
                    public void bodySent() {
                        synchronized (this) { // an end reported at the same moment comes after the send, not before
                            if (!ended) {
                                markBodySent(next);
                            }
                        }
                    }

                    @Override
                    public void ended() {
                        synchronized (this) {
                            if (ended) {
                                return;
                            }
                            ended = true;
                        }
                        answered(next);
                    }
                };
            }
        } finally {
            waiting.unlock();
        }
    }

    @Override
    public void releaseUnused() {
        List<String> unused = new ArrayList<>();
        synchronized (local) {
            claimed.forEach(claim -> unused.add(claim.id()));
            claimed.clear();
            if (unused.isEmpty() && unreported.isEmpty()) {
                return;
            }
        }
        update(held -> held.removeIf(slot -> unused.contains(slot.id)));
    }

    @Override
    public PacingSettings settings() {
        return pacing;
    }

    /** Blob reads and writes made so far (for the benchmark). */
    public long blobRoundTrips() {
        synchronized (local) {
            return blobRoundTrips;
        }
    }

    /** The least send margin every call gets now (for the benchmark). */
    public Duration leastSendMargin() {
        return Duration.ofMillis(sendMargin.least());
    }

    @Override
    public void throttled() {
        synchronized (local) {
            if (untilAnswer) {
                return;
            }
            if (sendMargin.raise()) {
                LOG.info(HoldRule.raisedMessage(pacing, " (" + path + ")", sendMargin.least() + " ms"));
            } else {
                untilAnswer = true;
                LOG.warn(HoldRule.throttledWarning(pacing, " (" + path + ")"));
            }
        }
    }

    /** Only remembered: the slot's end is known once the answer shows how late the call can have been counted. */
    private void markBodySent(Claim claim) {
        long now = clock.millis();
        synchronized (local) {
            sentAt.put(claim.id(), now);
        }
    }

    private void answered(Claim claim) {
        long now = clock.millis();
        boolean report;
        synchronized (local) {
            Long sent = sentAt.remove(claim.id());
            long margin = sent == null ? 0 : sendMargin.marginFor(now - sent);
            unreported.put(claim.id(), HoldRule.countedUntil(untilAnswer,
                    sent == null ? HoldRule.UNKNOWN : Math.max(sent, claim.at()), Math.max(now, claim.at()),
                    margin, windowMillis));
            if (sent != null && !sendMargin.warm()) {
                provisional.put(claim.id(), new Answered(claim.at(), sent, now));
            }
            report = now - lastWriteMillis >= reportWithinMillis;
            local.notifyAll(); // a caller waiting for a slot can claim one now (a window from now)
        }
        // Not behind another write of this instance: that one, or the next claim, carries this answer.
        if (report && writing.tryLock()) {
            try {
                update(held -> false);
            } catch (RuntimeException e) {
                // kept in unreported: the next write (a claim, another answer, the end of the upload) carries it
                LOG.debugf("Could not report answered calls to %s yet: %s", path, e.getMessage());
            } finally {
                writing.unlock();
            }
        }
    }

    /**
     * Claims up to {@code count} slots in one write; returns how many (0 when every slot is held by calls in flight).
     */
    private int claim(int count) {
        List<Claim> granted = new ArrayList<>();
        update(held -> {
            granted.clear();
            long now = clock.millis();
            for (int i = 0; i < count; i++) {
                Optional<Long> at = schedule.earliestFreeSlot(held, now);
                if (at.isEmpty()) {
                    break;
                }
                String id;
                synchronized (local) {
                    id = owner + "-" + nextId++;
                }
                held.add(new Held(id, at.get(), HoldRule.UNKNOWN));
                granted.add(new Claim(id, at.get()));
            }
            return !granted.isEmpty();
        });
        synchronized (local) {
            claimed.addAll(granted);
        }
        return granted.size();
    }

    /** Takes over what other processes learned: a margin a 429 raised, the fastest round trip they saw. */
    private void adopt(TenantWindowBlob.Window window) {
        sendMargin.adopt(window.raisedMarginMillis(), window.raisedAt());
        if (window.fastest() != null) {
            sendMargin.adoptFastest(window.fastest().roundTrip(), window.fastest().at());
        }
    }

    /**
     * Once the fastest round trip is known, the calls answered before it was get the end the rule gives them (earlier
     * than one window past their answer), to be written with the next update; called holding {@code local}.
     */
    private void endProvisionalSlots() {
        if (provisional.isEmpty() || !sendMargin.warm()) {
            return;
        }
        if (!untilAnswer) { // holding until the answer, their ends are already as late as that rule wants
            provisional.forEach((id, call) -> unreported.put(id, HoldRule.countedUntil(false,
                    Math.max(call.sent(), call.at()), Math.max(call.answered(), call.at()),
                    sendMargin.marginOf(call.answered() - call.sent()), windowMillis)));
        }
        provisional.clear();
    }

    private interface Change {
        /** Changes the slots read from the blob; false when nothing changed (no write then, unless answers wait). */
        boolean apply(List<Held> held);
    }

    /** Read, apply this instance's unreported answers and {@code change}, write; a conflict starts over. */
    private void update(Change change) {
        writing.lock();
        try {
            for (int attempt = 0; ; attempt++) {
                Optional<StoredBlob> stored = store.read(path);
                Optional<TenantWindowBlob.Window> read = stored.map(blob::parse);
                read.ifPresent(this::adopt);
                Map<String, Long> reporting;
                synchronized (local) {
                    blobRoundTrips++;
                    endProvisionalSlots();
                    reporting = new HashMap<>(unreported);
                }
                List<Held> held = read.map(TenantWindowBlob.Window::slots).orElseGet(ArrayList::new);
                for (Held slot : held) {
                    Long until = reporting.get(slot.id);
                    if (until != null) {
                        slot.until = until;
                    }
                }
                long now = clock.millis();
                held.removeIf(slot -> schedule.end(slot) <= now);
                if (!change.apply(held) && reporting.isEmpty()) {
                    return; // a look only: nothing to write
                }
                try {
                    byte[] content = blob.write(held, sendMargin.raised(), sendMargin.raisedAt(),
                            sendMargin.fastestToShare());
                    synchronized (local) {
                        blobRoundTrips++;
                    }
                    if (stored.isEmpty()) {
                        store.create(path, content);
                    } else {
                        store.replace(path, content, stored.get().etag());
                    }
                    synchronized (local) {
                        // an end that changed meanwhile (an answer after a 429) stays for the next write
                        reporting.forEach(unreported::remove);
                        lastWriteMillis = now;
                    }
                    return;
                } catch (ConcurrentUpdateException e) {
                    if (attempt >= MAX_CONFLICT_RETRIES) {
                        throw e;
                    }
                }
            }
        } finally {
            writing.unlock();
        }
    }
}
