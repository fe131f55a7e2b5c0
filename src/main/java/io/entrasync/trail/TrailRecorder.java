package io.entrasync.trail;

import io.entrasync.report.ResultLine;
import io.entrasync.scim.ScimUser;

/**
 * What a run or a reconciliation pass tells the trail, a line at each point: the records it sends (with the delta's
 * reason), each results line that matters (unchanged lines are not kept per person: the run event says which
 * extract carried everyone), and its end. Nothing here fails a run: a trail that cannot be written is logged.
 */
public interface TrailRecorder {

    /** Records nothing (tests and tools that keep no trail). */
    TrailRecorder NONE = new TrailRecorder() {
        @Override
        public void decided(ScimUser user, String kind, String detail) {
            // nothing kept
        }

        @Override
        public void result(ResultLine line) {
            // nothing kept
        }

        @Override
        public void finish(String status) {
            // nothing kept
        }
    };

    /** The delta step sends {@code user}: {@code kind} is create, update, retry or full. */
    void decided(ScimUser user, String kind, String detail);

    /** A record's line in the run's results.csv (or its completion by reconciliation). */
    void result(ResultLine line);

    /** Writes the events as one segment blob; {@code status} is the run's status after this attempt. */
    void finish(String status);
}
