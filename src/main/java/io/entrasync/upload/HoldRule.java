package io.entrasync.upload;

/**
 * How long one call counts in the window (see {@link CallPacer}), for both pacers: on any clock, in any unit, as
 * long as the moments, the send margin and the window share it.
 */
final class HoldRule {

    /**
     * A moment not known yet (not sent, not answered), or an end not known yet: the one marker for both, in both
     * pacers (the shared window's blob spells it 0, see {@link TenantWindowBlob}).
     */
    static final long UNKNOWN = Long.MAX_VALUE;

    private HoldRule() {
    }

    /**
     * The moment the call stops counting: one window after {@code sent} plus the call's send margin (what
     * {@link SendMargin} learned from its answer), or after {@code answered} if that came first; holding until the
     * answer, or never marked sent, one window after {@code answered}. {@link #UNKNOWN} until the answer: only the
     * answer shows how late the service can have counted the call.
     */
    static long countedUntil(boolean untilAnswer, long sent, long answered, long sendMargin, long window) {
        if (answered == UNKNOWN) {
            return UNKNOWN;
        }
        long counted = sent == UNKNOWN || untilAnswer ? answered : sent + sendMargin;
        return (answered - counted < 0 ? answered : counted) + window;
    }

    /** What a pacer logs when a 429 raises the margin of every call (see {@link SendMargin#raise()}). */
    static String raisedMessage(PacingSettings pacing, String where, String margin) {
        return "The service answered 429 to a call paced at " + pacing.calls() + " per " + pacing.window().toMillis()
                + " ms" + where + ": each call now holds its place at least " + margin + " past one window after its"
                + " send (it falls back towards upload.pacing.send-margin while no 429 comes)";
    }

    /** What a pacer logs when a 429 at the highest margin makes it hold every call until its answer. */
    static String throttledWarning(PacingSettings pacing, String where) {
        return "The service answered 429 to a call paced at " + pacing.calls() + " per " + pacing.window().toMillis()
                + " ms" + where + " although each call already held its place the longest margin past its send:"
                + " from now on each call holds its place until one window after its answer"
                + " (slower, but safe wherever the service counts; upload.pacing.hold=answer starts that way)";
    }
}
