package io.entrasync.upload;

import java.util.function.LongSupplier;

/**
 * How long after its send mark the service may have counted a call, learned by one pacer from the jitter it meets:
 * the margin {@link HoldRule} adds to one window after the send. On any clock, in any unit, as long as the margins,
 * the half-life, the round trips and the clock share it. Thread-safe.
 *
 * <p>The service counts a call somewhere between its send and its answer. Of two calls, the later one can be counted
 * less than a window after the earlier one only if the earlier one was counted later after its send than the later
 * one: by how much, the earlier call's own answer tells. Its round trip's lateness over the fastest round trip of
 * recent answers ({@link #SAMPLE} of them) bounds how much later than the fastest way it can have been counted, so
 * each answered call's margin is that lateness plus the configured send margin, which covers what the estimate misses
 * ({@link #marginFor}). Until {@link #MIN_SAMPLE} answers have come, or another process of the tenant shared a fastest
 * round trip less than a half-life old ({@link #adoptFastest}), the fastest round trip is not known, and a call's
 * margin is its whole round trip (its slot is held until one window after its answer; {@link #marginOf} shortens it
 * once the fastest is known). A call whose answer has not come yet is held by the {@link #ceiling()}.
 *
 * <p>A 429 although the window was kept means the rule missed something (the service counts later, or something else
 * calls the tenant): {@link #raise()} doubles the margin every call gets at least, up to the ceiling; the excess over
 * the configured send margin then halves every {@code halfLife} while nothing goes wrong. A 429 with the margin
 * already at the ceiling is the caller's cue to hold every slot until its answer.
 */
final class SendMargin {

    /** How many recent round trips the fastest one is taken from. */
    static final int SAMPLE = 200;
    /** Answers needed before the fastest round trip is trusted (why 10: docs/architecture.md, pacing). */
    static final int MIN_SAMPLE = 10;

    private final long floor;
    private final long ceiling;
    private final long halfLife;
    private final long window;
    private final LongSupplier clock;
    private final long[] roundTrips = new long[SAMPLE];
    /** When each of {@link #roundTrips} was answered. */
    private final long[] answeredAt = new long[SAMPLE];
    private long answers;
    /** The fastest round trip another process of the tenant saw, taken from the shared window; null if none. */
    private Fastest shared;
    /** The least margin every call gets since the last 429 (decaying from {@link #raisedAt}). */
    private long raised;
    private long raisedAt;

    /**
     * @param floor    {@code upload.pacing.send-margin}: the least margin, added to what an answer shows
     * @param ceiling  the most a 429 raises the margin to, and the margin of a call not answered yet
     * @param halfLife how fast a raised margin falls back to the floor
     * @param window   the pacing window: 429s within one window of a raise answer calls sent before it, and raise
     *                 nothing more
     */
    SendMargin(long floor, long ceiling, long halfLife, long window, LongSupplier clock) {
        if (floor < 0 || ceiling < floor || halfLife <= 0) {
            throw new IllegalArgumentException("a send margin needs 0 <= floor <= ceiling and a positive half-life");
        }
        this.floor = floor;
        this.ceiling = ceiling;
        this.halfLife = halfLife;
        this.window = window;
        this.clock = clock;
        this.raised = floor;
    }

    /** For a pacing counted in milliseconds on {@code clock}: the ceiling a fifth of the window, half-life 1 min. */
    static SendMargin inMillis(PacingSettings pacing, LongSupplier clock) {
        long floor = pacing.sendMargin().toMillis();
        long window = pacing.window().toMillis();
        return new SendMargin(floor, Math.max(floor, window / 5), 60_000L, window, clock);
    }

    /** The same in nanoseconds. */
    static SendMargin inNanos(PacingSettings pacing, LongSupplier clock) {
        long floor = pacing.sendMargin().toNanos();
        long window = pacing.window().toNanos();
        return new SendMargin(floor, Math.max(floor, window / 5), 60_000_000_000L, window, clock);
    }

    /**
     * Records an answered call's round trip (from its send mark to its answer) and gives its margin: the configured
     * margin plus the round trip's lateness over the fastest recent one, at least the margin a 429 raised; the whole
     * round trip plus the configured margin while too few answers are known.
     */
    synchronized long marginFor(long roundTrip) {
        long trip = Math.max(0, roundTrip);
        roundTrips[(int) (answers % SAMPLE)] = trip;
        answeredAt[(int) (answers % SAMPLE)] = clock.getAsLong();
        answers++;
        return marginOf(trip);
    }

    /**
     * The margin of a call with this round trip on what is known now, recording nothing: for a call whose answer came
     * while the fastest round trip was not known yet ({@link #warm()} false then), whose slot may end earlier now.
     */
    synchronized long marginOf(long roundTrip) {
        long trip = Math.max(0, roundTrip);
        long lateness = warm() ? trip - fastest().roundTrip() : trip;
        return Math.max(least(), floor + lateness);
    }

    /**
     * Whether the fastest round trip is known: from {@link #MIN_SAMPLE} answers of this pacer, or from another process
     * of the tenant less than a half-life ago ({@link #adoptFastest}).
     */
    synchronized boolean warm() {
        return answers >= MIN_SAMPLE || freshShared() != null;
    }

    /**
     * Takes the fastest round trip another process saw (at {@code at} on its clock), to start warm; forgotten a
     * half-life after {@code at}. Only ever lowers the fastest round trip this pacer uses: a faster path elsewhere can
     * only lengthen this pacer's margins (its calls' lateness is measured against it).
     */
    synchronized void adoptFastest(long roundTrip, long at) {
        boolean fresh = clock.getAsLong() - at < halfLife;
        Fastest current = freshShared();
        if (roundTrip >= 0 && fresh && (current == null || roundTrip < current.roundTrip()
                || (roundTrip == current.roundTrip() && at > current.at()))) {
            shared = new Fastest(roundTrip, at);
        }
    }

    /** The fastest round trip to share with the tenant's other processes, or null while it is not known. */
    synchronized Fastest fastestToShare() {
        return warm() ? fastest() : null;
    }

    /** A round trip and when it was answered. */
    record Fastest(long roundTrip, long at) {
    }

    /** The margin every call gets at least now: the floor, or what a 429 raised it to, decayed since. */
    synchronized long least() {
        return decayed(raised, raisedAt, clock.getAsLong());
    }

    /**
     * A 429 although the window was kept: doubles the least margin (up to the ceiling), unless it was raised less than
     * a window ago (the 429s of calls sent before that raise). False when it was raised to the ceiling less than a
     * half-life ago: the margin cannot grow, hold every slot until its answer.
     */
    synchronized boolean raise() {
        long now = clock.getAsLong();
        long current = decayed(raised, raisedAt, now);
        if (raised > floor && now - raisedAt < window) {
            return true;
        }
        if (ceiling <= floor || (raised >= ceiling && now - raisedAt < halfLife)) {
            return false; // raised to the ceiling less than a half-life ago (or it cannot grow), and still a 429
        }
        raised = Math.min(ceiling, Math.max(1, current) * 2);
        raisedAt = now;
        return true;
    }

    /** Takes a margin raised elsewhere (another process, through the shared window) if it is higher now. */
    synchronized void adopt(long otherRaised, long otherRaisedAt) {
        long now = clock.getAsLong();
        long other = Math.min(ceiling, otherRaised);
        if (decayed(other, otherRaisedAt, now) > decayed(raised, raisedAt, now)) {
            raised = other;
            raisedAt = otherRaisedAt;
        }
    }

    /** The margin of the last 429 (the floor if none), for sharing with {@link #raisedAt()}. */
    synchronized long raised() {
        return raised;
    }

    synchronized long raisedAt() {
        return raisedAt;
    }

    /** The margin of a call sent and not answered yet, and the most a 429 raises the margin to. */
    long ceiling() {
        return ceiling;
    }

    long floor() {
        return floor;
    }

    /** The fastest of the recent answers (once {@link #MIN_SAMPLE} are known) and of a fresh shared one. */
    private Fastest fastest() {
        Fastest fastest = freshShared();
        if (fastest == null && answers < MIN_SAMPLE) {
            return null;
        }
        for (int i = 0; i < Math.min(answers, SAMPLE); i++) {
            if (fastest == null || roundTrips[i] < fastest.roundTrip()) {
                fastest = new Fastest(roundTrips[i], answeredAt[i]);
            }
        }
        return fastest;
    }

    private Fastest freshShared() {
        return shared != null && clock.getAsLong() - shared.at() < halfLife ? shared : null;
    }

    private long decayed(long margin, long since, long now) {
        if (margin <= floor) {
            return floor;
        }
        double halvings = Math.max(0, now - since) / (double) halfLife;
        return floor + Math.round((margin - floor) * Math.pow(0.5, halvings));
    }
}
