package io.entrasync.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.state.StoredBlob;

/**
 * The blob of {@link TenantCallWindow}, read and written. It holds every slot taken over the last window:
 * <pre>{@code {"calls":40,"windowMillis":5000,"marginMillis":50,
 *  "sendMargin":{"millis":400,"at":1764614399000},"fastestRoundTrip":{"millis":310,"at":1764614399500},
 *  "slots":[{"id":"3f9c1a2b-17","at":1764614400000,"until":1764614405912},
 *           {"id":"3f9c1a2b-18","at":...,"until":0}]}}</pre>
 * {@code marginMillis} is the clock margin added to other instances' slots; {@code until} 0 is an end not known yet
 * ({@link HoldRule#UNKNOWN} in memory); {@code sendMargin} is the least send margin a 429 raised (and when), which
 * every process sharing the window takes over, decayed (see {@link SendMargin}; absent in blobs of older versions,
 * which ignore it); {@code fastestRoundTrip} is the fastest round trip a process of the tenant saw (and when), from
 * which a process starts warm (see {@link SendMargin#adoptFastest}; absent until one is known). The spelling is
 * shared with the processes of other versions that use the same blob, so it does not change.
 */
final class TenantWindowBlob {

    /** How the blob spells an end not known yet. */
    private static final long UNTIL_NOT_KNOWN = 0;
    /** The margin assumed for a blob of the version that counted slots from their send only, if it names none. */
    private static final long LEGACY_MARGIN_MILLIS = 250;

    private final ObjectMapper mapper;
    private final String path;
    private final int calls;
    private final long windowMillis;
    private final long clockMarginMillis;

    /** A slot as the blob holds it; {@code until} is {@link HoldRule#UNKNOWN} while claimed or in flight. */
    static final class Held {
        final String id;
        final long at;
        long until;

        Held(String id, long at, long until) {
            this.id = id;
            this.at = at;
            this.until = until;
        }
    }

    TenantWindowBlob(ObjectMapper mapper, String path, int calls, long windowMillis, long clockMarginMillis) {
        this.mapper = mapper;
        this.path = path;
        this.calls = calls;
        this.windowMillis = windowMillis;
        this.clockMarginMillis = clockMarginMillis;
    }

    /**
     * The window as read: its slots, the send margin last raised by a 429 (0 at 0 when none) and the fastest round
     * trip shared (null when none).
     */
    record Window(List<Held> slots, long raisedMarginMillis, long raisedAt, SendMargin.Fastest fastest) {
    }

    Window parse(StoredBlob blob) {
        try {
            List<Held> held = new ArrayList<>();
            JsonNode root = mapper.readTree(blob.content());
            Set<String> ids = new HashSet<>();
            for (JsonNode slot : root.path("slots")) {
                String id = slot.path("id").asText();
                if (ids.add(id)) {
                    held.add(new Held(id, slot.path("at").asLong(), untilFromBlob(slot.path("until").asLong())));
                }
            }
            // Written by the version that counted slots from their send only: each held one window plus margin.
            long legacySpan = root.path("windowMillis").asLong(windowMillis)
                    + root.path("marginMillis").asLong(LEGACY_MARGIN_MILLIS);
            int legacy = 0;
            for (JsonNode at : root.path("claims")) {
                held.add(new Held("legacy-" + legacy++, at.asLong(), untilFromBlob(at.asLong() + legacySpan)));
            }
            JsonNode raised = root.path("sendMargin");
            JsonNode fastest = root.path("fastestRoundTrip");
            return new Window(held, Math.max(0, raised.path("millis").asLong()), raised.path("at").asLong(),
                    fastest.path("millis").canConvertToLong() && fastest.path("at").canConvertToLong()
                            ? new SendMargin.Fastest(fastest.path("millis").asLong(), fastest.path("at").asLong())
                            : null);
        } catch (IOException e) {
            throw new IllegalStateException("The pacing state " + path + " is unreadable (" + e.getMessage()
                    + "); delete it (it only holds the last few seconds of claimed call slots)", e);
        }
    }

    byte[] write(List<Held> held, long raisedMarginMillis, long raisedAt, SendMargin.Fastest fastest) {
        ObjectNode root = mapper.createObjectNode();
        root.put("calls", calls);
        root.put("windowMillis", windowMillis);
        root.put("marginMillis", clockMarginMillis);
        root.putObject("sendMargin").put("millis", raisedMarginMillis).put("at", raisedAt);
        if (fastest != null) {
            root.putObject("fastestRoundTrip").put("millis", fastest.roundTrip()).put("at", fastest.at());
        }
        ArrayNode array = root.putArray("slots");
        for (Held slot : held) {
            long until = slot.until == HoldRule.UNKNOWN ? UNTIL_NOT_KNOWN : slot.until;
            array.addObject().put("id", slot.id).put("at", slot.at).put("until", until);
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An end of 0 (or below, which no clock writes) is not known yet. */
    private static long untilFromBlob(long until) {
        return until > UNTIL_NOT_KNOWN ? until : HoldRule.UNKNOWN;
    }
}
