package io.entrasync.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** All provisioning log entries of the emulated tenant, newest first when listed. */
final class ProvisioningLog {
    private final List<LogEntry> entries = new ArrayList<>();
    private long nextSequence = 1;

    record Page(List<LogEntry> entries, String nextSkipToken) {
    }

    /**
     * Adds {@code entry}, rendered as {@code json}, visible {@code logDelay} after its activity.
     *
     * @return the entry as listed, with its id (also written into {@code json})
     */
    synchronized LogEntry add(Instant activity, Duration logDelay, String jobId, String cycleId, String changeId,
                              LogEntryJson entry, ObjectNode json) {
        String id = UUID.randomUUID().toString();
        json.put("id", id);
        LogEntry e = new LogEntry(nextSequence++, id, activity, activity.plus(logDelay), jobId, cycleId, changeId,
                entry.sourceId, entry.action, entry.status, json);
        entries.add(e);
        return e;
    }

    /**
     * Visible entries matching {@code filter}, newest first, {@code top} at most, after the page that {@code skipToken}
     * ended.
     */
    synchronized Page query(LogFilter filter, Instant now, int top, String skipToken) {
        long before = skipToken == null ? Long.MAX_VALUE : decode(skipToken);
        List<LogEntry> page = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            LogEntry e = entries.get(i);
            if (e.sequence() >= before || e.visibleAt().isAfter(now) || !filter.matches(e)) {
                continue;
            }
            if (page.size() == top) {
                return new Page(page, encode(page.get(page.size() - 1).sequence()));
            }
            page.add(e);
        }
        return new Page(page, null);
    }

    synchronized List<LogEntry> all() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }

    private static String encode(long sequence) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("emu1:"
                + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("emu1:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(text.substring(5));
        } catch (IllegalArgumentException e) {
            throw EmulatorException.badRequest("$skiptoken is not one this service issued; follow @odata.nextLink as"
                    + " it is.");
        }
    }
}
