package io.entrasync.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.retry.Sleeper;
import io.entrasync.state.ConcurrentUpdateException;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * The tenant's call window shared by every process that uses one state store: Functions instances, a CLI beside
 * them, several uploads in one process. One small blob holds the send times claimed by all of them:
 * <pre>{@code {"calls":40,"windowMillis":5000,"marginMillis":100,"claims":[1764614400000,1764614400012,...]}}</pre>
 * A process claims a few slots at once with an ETag-guarded read-modify-write (a conflict re-reads and tries again),
 * then sends each call at its claimed time. Claims are appended in time order, each at least one window (plus the
 * margin) after the claim {@code calls} places earlier, so no window ever holds more than {@code calls} of them.
 * A claim whose time has passed by more than the margin before its call could go is abandoned (it still counts)
 * is given back and a new one taken in the same write (a slot no call used can always be removed). Claims not used
 * when an upload ends are removed too. A crashed process leaves at most its claimed slots, which expire one window
 * later.
 *
 * <p>Why a shared schedule rather than one upload lease per tenant: several sources keep their own leases and
 * overlap their calls freely; no process waits for another to finish, a slow or crashed holder never stalls the
 * tenant, and the blob is touched once per claimed block (about once per second per busy process), not per call.
 * See docs/architecture.md.
 *
 * <p>The margin covers the moment between the claimed time and the request leaving (thread wake-up; a call later
 * than half the margin is not sent on that slot), differences in how long requests take to reach the service, and
 * clock differences between machines (Azure hosts are kept within milliseconds by NTP).
 */
public final class TenantCallWindow implements CallPacer {

    /**
     * Default margin added to the window: half of it is the time a call may be late on its claimed slot, the other
     * half absorbs differences in how long requests take to reach the service (and clocks between machines).
     */
    public static final Duration DEFAULT_MARGIN = Duration.ofMillis(250);
    private static final int MAX_CONFLICT_RETRIES = 50;

    private final StateStore store;
    private final String path;
    private final PacingSettings pacing;
    private final long spanMillis;
    private final long marginMillis;
    private final int maxClaim;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Slots claimed by this instance and not used yet, earliest first. */
    private final ArrayDeque<Long> claimed = new ArrayDeque<>();
    private long blobRoundTrips;

    /**
     * @param maxClaim most slots claimed in one blob round trip (a claim is never more than a window's worth)
     */
    public TenantCallWindow(StateStore store, String path, PacingSettings pacing, Duration margin, int maxClaim,
            ObjectMapper mapper, Clock clock, Sleeper sleeper) {
        this.store = store;
        this.path = path;
        this.pacing = pacing;
        this.marginMillis = margin.toMillis();
        this.spanMillis = pacing.window().toMillis() + marginMillis;
        this.maxClaim = Math.max(1, Math.min(maxClaim, pacing.calls()));
        this.mapper = mapper;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The blob path of the window shared by everything that calls one tenant. */
    public static String pathFor(String sharingKey) {
        return "pacing/" + sharingKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }

    @Override
    public synchronized void awaitSlot(int callsExpected) throws InterruptedException {
        List<Long> stale = new ArrayList<>();
        while (true) {
            long now = clock.millis();
            while (!claimed.isEmpty() && claimed.peekFirst() + marginMillis / 2 < now) {
                stale.add(claimed.pollFirst()); // too late to send on it: given back with the next claim
            }
            if (claimed.isEmpty()) {
                claim(Math.max(1, Math.min(callsExpected, maxClaim)), stale);
                stale.clear();
                continue;
            }
            long slot = claimed.peekFirst();
            if (slot > now) {
                sleeper.sleep(Duration.ofMillis(slot - now));
                continue;
            }
            claimed.pollFirst();
            return;
        }
    }

    @Override
    public synchronized void releaseUnused() {
        if (claimed.isEmpty()) {
            return;
        }
        List<Long> mine = new ArrayList<>(claimed);
        claimed.clear();
        update(claims -> {
            boolean changed = false;
            for (Long slot : mine) {
                changed |= claims.remove(slot);
            }
            return changed;
        });
    }

    @Override
    public PacingSettings settings() {
        return pacing;
    }

    /** Blob reads and writes made so far (for the benchmark). */
    public synchronized long blobRoundTrips() {
        return blobRoundTrips;
    }

    private void claim(int count, List<Long> unusedToRemove) {
        List<Long> granted = new ArrayList<>();
        update(claims -> {
            granted.clear();
            unusedToRemove.forEach(claims::remove);
            long now = clock.millis();
            for (int i = 0; i < count; i++) {
                long earliest = now;
                if (!claims.isEmpty()) {
                    earliest = Math.max(earliest, claims.get(claims.size() - 1));
                }
                if (claims.size() >= pacing.calls()) {
                    earliest = Math.max(earliest, claims.get(claims.size() - pacing.calls()) + spanMillis);
                }
                claims.add(earliest);
                granted.add(earliest);
            }
            return true;
        });
        claimed.addAll(granted);
    }

    private interface Change {
        boolean apply(List<Long> claims);
    }

    private void update(Change change) {
        for (int attempt = 0; ; attempt++) {
            Optional<StoredBlob> blob = store.read(path);
            blobRoundTrips++;
            List<Long> claims = blob.map(this::parse).orElseGet(ArrayList::new);
            long horizon = clock.millis() - spanMillis;
            claims.removeIf(slot -> slot <= horizon);
            if (!change.apply(claims)) {
                return;
            }
            try {
                byte[] content = write(claims);
                blobRoundTrips++;
                if (blob.isEmpty()) {
                    store.create(path, content);
                } else {
                    store.replace(path, content, blob.get().etag());
                }
                return;
            } catch (ConcurrentUpdateException e) {
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private List<Long> parse(StoredBlob blob) {
        try {
            List<Long> claims = new ArrayList<>();
            JsonNode root = mapper.readTree(blob.content());
            root.path("claims").forEach(slot -> claims.add(slot.asLong()));
            claims.sort(null);
            return claims;
        } catch (IOException e) {
            throw new IllegalStateException("The pacing state " + path + " is unreadable (" + e.getMessage()
                    + "); delete it (it only holds the last few seconds of claimed call slots)", e);
        }
    }

    private byte[] write(List<Long> claims) {
        ObjectNode root = mapper.createObjectNode();
        root.put("calls", pacing.calls());
        root.put("windowMillis", pacing.window().toMillis());
        root.put("marginMillis", marginMillis);
        ArrayNode array = root.putArray("claims");
        claims.forEach(array::add);
        try {
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
