package io.entrasync.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.contract.ServiceLimits;
import io.entrasync.state.ConcurrentUpdateException;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * The daily quota kept in one state blob, so restarts and other instances see the same count:
 * <pre>{@code {"budget":2000,"calls":{"29383920":40,"29383921":12}}}</pre>
 * {@code calls} counts calls per epoch minute. A minute's calls count until 24 hours after the end of that minute
 * (slightly longer than the service, never shorter). Every change is an ETag-guarded read-modify-write, retried when
 * another writer got there first.
 */
final class BlobDailyQuota implements DailyQuota {

    static final Duration WINDOW = Duration.ofHours(ServiceLimits.QUOTA_WINDOW_HOURS);
    private static final long WINDOW_MINUTES = WINDOW.toMinutes();
    private static final int MAX_CONFLICT_RETRIES = 20;

    private final StateStore store;
    private final String path;
    private final int budget;
    private final ObjectMapper mapper;
    private final Clock clock;

    public BlobDailyQuota(StateStore store, String path, int budget, ObjectMapper mapper) {
        this(store, path, budget, mapper, Clock.systemUTC());
    }

    public BlobDailyQuota(StateStore store, String path, int budget, ObjectMapper mapper, Clock clock) {
        if (budget < 1) {
            throw new IllegalArgumentException("the daily call budget must be at least 1");
        }
        this.store = store;
        this.path = path;
        this.budget = budget;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The blob path of the quota shared by everything that calls one tenant. */
    public static String pathFor(String quotaKey) {
        return "quota/" + quotaKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }

    @Override
    public Reservation reserve(int calls) {
        if (calls < 1) {
            return new Reservation(0, currentMinute());
        }
        return update(counts -> {
            long minute = currentMinute();
            int granted = Math.min(calls, budget - used(counts, minute));
            if (granted <= 0) {
                return new Outcome<>(new Reservation(0, minute), false);
            }
            counts.merge(minute, granted, Integer::sum);
            return new Outcome<>(new Reservation(granted, minute), true);
        });
    }

    @Override
    public void release(Reservation reservation, int unused) {
        if (unused <= 0) {
            return;
        }
        update(counts -> {
            Integer count = counts.get(reservation.minute());
            if (count == null) {
                return new Outcome<>(null, false); // already out of the window
            }
            int left = count - Math.min(unused, count);
            if (left == 0) {
                counts.remove(reservation.minute());
            } else {
                counts.put(reservation.minute(), left);
            }
            return new Outcome<>(null, true);
        });
    }

    @Override
    public Usage usage() {
        TreeMap<Long, Integer> counts = read().counts;
        long minute = currentMinute();
        prune(counts, minute);
        Optional<Instant> nextFree = counts.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond((counts.firstKey() + 1 + WINDOW_MINUTES) * 60));
        return new Usage(used(counts, minute), budget, nextFree);
    }

    @Override
    public List<Integer> usedByHour() {
        TreeMap<Long, Integer> counts = read().counts;
        long minute = currentMinute();
        prune(counts, minute);
        int[] hours = new int[24];
        counts.forEach((countedAt, calls) -> {
            long age = minute - countedAt; // 0 = this minute
            if (age >= 0 && age < WINDOW_MINUTES) {
                hours[23 - (int) (age / 60)] += calls;
            }
        });
        return Arrays.stream(hours).boxed().toList();
    }

    private record Outcome<T>(T value, boolean changed) {
    }

    private record Loaded(TreeMap<Long, Integer> counts, String etag) {
    }

    private <T> T update(Function<NavigableMap<Long, Integer>, Outcome<T>> change) {
        for (int attempt = 0; ; attempt++) {
            Loaded loaded = read();
            prune(loaded.counts, currentMinute());
            Outcome<T> outcome = change.apply(loaded.counts);
            if (!outcome.changed()) {
                return outcome.value();
            }
            try {
                byte[] content = write(loaded.counts);
                if (loaded.etag == null) {
                    store.create(path, content);
                } else {
                    store.replace(path, content, loaded.etag);
                }
                return outcome.value();
            } catch (ConcurrentUpdateException e) {
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private Loaded read() {
        Optional<StoredBlob> blob = store.read(path);
        TreeMap<Long, Integer> counts = new TreeMap<>();
        if (blob.isEmpty()) {
            return new Loaded(counts, null);
        }
        try {
            JsonNode calls = mapper.readTree(blob.get().content()).path("calls");
            calls.fields().forEachRemaining(e -> counts.put(Long.parseLong(e.getKey()), e.getValue().asInt()));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("The quota state " + path + " is unreadable (" + e.getMessage()
                    + "); delete it to start counting afresh (the service still enforces its own limit)", e);
        }
        return new Loaded(counts, blob.get().etag());
    }

    private byte[] write(NavigableMap<Long, Integer> counts) {
        ObjectNode root = mapper.createObjectNode();
        root.put("budget", budget);
        ObjectNode calls = root.putObject("calls");
        counts.forEach((minute, count) -> calls.put(Long.toString(minute), count));
        try {
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void prune(NavigableMap<Long, Integer> counts, long nowMinute) {
        counts.headMap(nowMinute - WINDOW_MINUTES, false).clear();
    }

    private static int used(Map<Long, Integer> counts, long nowMinute) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey() >= nowMinute - WINDOW_MINUTES)
                .mapToInt(Map.Entry::getValue).sum();
    }

    private long currentMinute() {
        return clock.instant().getEpochSecond() / 60;
    }
}
