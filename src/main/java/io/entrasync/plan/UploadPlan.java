package io.entrasync.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.scim.BulkRequestWriter;
import io.entrasync.scim.ScimUser;

/**
 * What one upload sends, in which calls: the users deduplicated by externalId, ordered managers first
 * ({@link ManagerFirstOrder}) and cut into full batches of 50 (only the last one may be shorter).
 *
 * <p>Ordering needs every manager link before the first call, so the plan reads all users; it keeps each as its
 * serialized JSON (about a quarter of the memory of a Jackson tree) and rebuilds the 50 users of a batch when the
 * batch is asked for. The same users in the same order always give the same batches, so a batch index is a valid
 * resume point.
 */
public final class UploadPlan {

    private final ObjectMapper mapper;
    private final List<Planned> ordered;
    private final List<DuplicateRecord> duplicates;
    private final List<ManagerCycle> cycles;
    private final int batchSize;

    private record Planned(String externalId, long sourcePosition, String managerExternalId, byte[] json)
            implements ManagerFirstOrder.Node {
    }

    private UploadPlan(ObjectMapper mapper, List<Planned> ordered, List<DuplicateRecord> duplicates,
            List<ManagerCycle> cycles, int batchSize) {
        this.mapper = mapper;
        this.ordered = ordered;
        this.duplicates = duplicates;
        this.cycles = cycles;
        this.batchSize = batchSize;
    }

    /** Plans full batches of {@value BulkRequestWriter#MAX_OPERATIONS}. */
    public static UploadPlan of(Iterator<ScimUser> users, ObjectMapper mapper) {
        return of(users, mapper, BulkRequestWriter.MAX_OPERATIONS);
    }

    public static UploadPlan of(Iterator<ScimUser> users, ObjectMapper mapper, int batchSize) {
        Builder builder = new Builder(mapper, batchSize);
        users.forEachRemaining(builder::add);
        return builder.build();
    }

    /** A builder fed one user at a time, for callers that receive users pushed to them (the extract pipeline). */
    public static Builder builder(ObjectMapper mapper) {
        return new Builder(mapper, BulkRequestWriter.MAX_OPERATIONS);
    }

    /** Collects users (serialized, deduplicated by externalId), then orders and batches them in {@link #build()}. */
    public static final class Builder {
        private final ObjectMapper mapper;
        private final int batchSize;
        private final List<Planned> unique = new ArrayList<>();
        private final Map<String, Long> firstPosition = new HashMap<>();
        private final List<DuplicateRecord> duplicates = new ArrayList<>();

        private Builder(ObjectMapper mapper, int batchSize) {
            if (batchSize < 1 || batchSize > BulkRequestWriter.MAX_OPERATIONS) {
                throw new IllegalArgumentException("batch size must be 1 to 50, not " + batchSize);
            }
            this.mapper = mapper;
            this.batchSize = batchSize;
        }

        public void add(ScimUser user) {
            Long first = firstPosition.putIfAbsent(user.externalId(), user.sourcePosition());
            if (first != null) {
                duplicates.add(new DuplicateRecord(new RecordRef(user.externalId(), user.sourcePosition()), first));
                return;
            }
            unique.add(new Planned(user.externalId(), user.sourcePosition(), user.managerExternalId().orElse(null),
                    serialize(mapper, user.data())));
        }

        public UploadPlan build() {
            ManagerFirstOrder.Result order = ManagerFirstOrder.of(unique);
            List<Planned> ordered = new ArrayList<>(unique.size());
            for (int index : order.order()) {
                ordered.add(unique.get(index));
            }
            return new UploadPlan(mapper, ordered, List.copyOf(duplicates), order.cycles(), batchSize);
        }
    }

    /** Number of users that will be sent (duplicates excluded). */
    public int userCount() {
        return ordered.size();
    }

    public int batchCount() {
        return (ordered.size() + batchSize - 1) / batchSize;
    }

    /** Batch {@code index} (0-based), its users rebuilt from their JSON. */
    public Batch batch(int index) {
        if (index < 0 || index >= batchCount()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + batchCount());
        }
        int from = index * batchSize;
        int to = Math.min(from + batchSize, ordered.size());
        List<ScimUser> users = new ArrayList<>(to - from);
        for (Planned planned : ordered.subList(from, to)) {
            users.add(new ScimUser(planned.externalId(), planned.sourcePosition(), deserialize(planned.json())));
        }
        return new Batch(index, users);
    }

    /** The records of batches {@code fromBatch} and later, in plan order, without rebuilding their JSON. */
    public List<RecordRef> recordsFrom(int fromBatch) {
        int from = Math.min(ordered.size(), Math.max(0, fromBatch) * batchSize);
        List<Planned> tail = ordered.subList(from, ordered.size());
        return new AbstractList<>() {
            @Override
            public RecordRef get(int i) {
                Planned planned = tail.get(i);
                return new RecordRef(planned.externalId(), planned.sourcePosition());
            }

            @Override
            public int size() {
                return tail.size();
            }
        };
    }

    /** Records left out because their externalId appeared earlier in the same upload. */
    public List<DuplicateRecord> duplicates() {
        return duplicates;
    }

    /** Manager loops found and how each was broken. */
    public List<ManagerCycle> cycles() {
        return cycles;
    }

    private static byte[] serialize(ObjectMapper mapper, ObjectNode data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode deserialize(byte[] json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
