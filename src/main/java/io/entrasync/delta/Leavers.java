package io.entrasync.delta;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;
import io.entrasync.scim.ScimUser;

/**
 * Where leavers are disabled: for a complete extract ({@code full-extract: true}), the snapshot's records missing
 * from it are sent as their last full record with {@code active: false} once they have been missing for
 * {@code leaver-grace} consecutive complete extracts. A leaver is never deleted; one within the grace is reported
 * and not sent.
 */
final class Leavers {

    private final SnapshotStore snapshots;
    private final SnapshotJson json;
    private final DeltaSettings settings;
    private final SnapshotManifest base;
    private final SnapshotIndex index;
    private final RetryMarks retries;
    private final Map<String, String> sendNotes;

    private final Set<String> ids = new HashSet<>();
    private final List<ResultLine> waiting = new ArrayList<>();
    private long disables;
    private boolean evaluated;
    private String note = "";

    Leavers(SnapshotStore snapshots, SnapshotJson json, DeltaSettings settings, SnapshotManifest base,
            SnapshotIndex index, RetryMarks retries, Map<String, String> sendNotes) {
        this.snapshots = snapshots;
        this.json = json;
        this.settings = settings;
        this.base = base;
        this.index = index;
        this.retries = retries;
        this.sendNotes = sendNotes;
    }

    /**
     * The leavers to disable in this run (source position 0: they are not in the extract). Call once, after every
     * record of the extract was classified or marked present.
     *
     * @param unreadable rejected rows without a readable externalId: with any, who is missing cannot be told
     */
    List<ScimUser> find(long unreadable) {
        if (!settings.fullExtract()) {
            note = "not evaluated: the source's extracts are not declared complete (full-extract=false)";
            return List.of();
        }
        if (unreadable > 0) {
            note = "not evaluated: " + unreadable + " rejected row(s) have no readable externalId, so who is "
                    + "missing cannot be told; fix them and the next extract evaluates leavers";
            return List.of();
        }
        evaluated = true;
        BitSet shards = new BitSet();
        for (int position = 0; position < index.size(); position++) {
            if (!index.seen(position) && !index.disabled(position)) {
                shards.set(SnapshotHash.shard(index.key(position)));
            }
        }
        for (String id : retries.candidates()) {
            int position = index.find(id);
            if (position >= 0 && !index.seen(position) && index.disabled(position)) {
                shards.set(SnapshotHash.shard(index.key(position)));
            }
        }
        List<ScimUser> leavers = new ArrayList<>();
        for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
            snapshots.forEachInShard(base.shards().get(shard), true, entry -> consider(entry, leavers));
        }
        leavers.sort(Comparator.comparing(ScimUser::externalId));
        waiting.sort(Comparator.comparing(ResultLine::externalId));
        note = disables + " disabled, " + waiting.size() + " missing but within the grace of "
                + settings.leaverGrace() + " complete extract(s)";
        return leavers;
    }

    private void consider(SnapshotEntry entry, List<ScimUser> leavers) {
        int position = index.find(entry.externalId());
        if (position < 0 || index.seen(position) || index.hash(position) != entry.hash()) {
            return;
        }
        String id = entry.externalId();
        int missing = index.missing(position) + 1;
        if (index.disabled(position)) {
            if (retries.shouldRetry(id)) {
                retries.retried(id);
                disables++;
                ids.add(id);
                sendNotes.put(id, "leaver: disable sent again (its last send ended " + retries.failureOf(id) + ")");
                leavers.add(new ScimUser(id, 0, json.tree(entry.user())));
            }
            return;
        }
        if (missing >= settings.leaverGrace()) {
            ObjectNode user = json.tree(entry.user());
            user.put("active", false);
            disables++;
            ids.add(id);
            sendNotes.put(id, "leaver: disabled (missing from " + missing + " consecutive complete extract(s)); "
                    + "its last full record was sent with active:false");
            leavers.add(new ScimUser(id, 0, user));
        } else {
            waiting.add(new ResultLine(0, id, RecordOutcome.UNCHANGED, "missing from this complete extract ("
                    + missing + " of " + settings.leaverGrace() + "): disabled if still missing from "
                    + (settings.leaverGrace() - missing) + " more; not sent"));
        }
    }

    /** True when {@code externalId} is disabled as a leaver by this run. */
    boolean contains(String externalId) {
        return ids.contains(externalId);
    }

    /** True when this run looked for leavers (so every record missing from it is one extract further missing). */
    boolean evaluated() {
        return evaluated;
    }

    long disables() {
        return disables;
    }

    List<ResultLine> waitingLines() {
        return List.copyOf(waiting);
    }

    int waitingCount() {
        return waiting.size();
    }

    String note() {
        return note;
    }
}
