package io.entrasync.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.scim.BulkRequestWriter;
import io.entrasync.scim.ScimUser;

/**
 * What one upload sends, in which calls: the users deduplicated by externalId, ordered managers first
 * ({@link ManagerFirstOrder}), then level by level down the reporting lines (everyone whose manager is not in the
 * upload, then their reports, and so on; within a level, grouped by their manager's place in the plan, and in source
 * order among one manager's reports), and cut into full batches of 50 (only the last one may be shorter).
 *
 * <p>Level order keeps the chains between batches short: a batch only needs the 202 of the batches holding its
 * records' managers ({@link #dependencies(int)}) before it may be sent, and with levels those are a handful of
 * earlier batches, so calls can overlap; in plain depth-first order nearly every early batch would wait for the one
 * just before it. Grouping a level by manager makes most batches depend on one or two batches, and the reports of
 * the first managers sent come first: they can leave as soon as those managers' 202s are in, instead of waiting for
 * the whole level above.
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
    private final int[][] dependencies;

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
        this.dependencies = dependencies(ordered, batchSize);
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

    /** For push-style producers (the extract pipeline's sink): add users in source order, then build. */
    public static Builder builder(ObjectMapper mapper) {
        return new Builder(mapper, BulkRequestWriter.MAX_OPERATIONS);
    }

    /** Collects users for a plan; not thread-safe. */
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

        public Builder add(ScimUser user) {
            Long first = firstPosition.putIfAbsent(user.externalId(), user.sourcePosition());
            if (first != null) {
                duplicates.add(new DuplicateRecord(new RecordRef(user.externalId(), user.sourcePosition()), first));
            } else {
                unique.add(new Planned(user.externalId(), user.sourcePosition(),
                        user.managerExternalId().orElse(null), serialize(mapper, user.data())));
            }
            return this;
        }

        public UploadPlan build() {
            ManagerFirstOrder.Result order = ManagerFirstOrder.of(unique);
            List<Planned> managersFirst = new ArrayList<>(unique.size());
            for (int index : order.order()) {
                managersFirst.add(unique.get(index));
            }
            List<Planned> ordered = byLevel(managersFirst);
            return new UploadPlan(mapper, ordered, List.copyOf(duplicates), order.cycles(), batchSize);
        }
    }

    /**
     * Sorts by reporting level, and within a level by the manager's place in the result (source order among one
     * manager's reports; level 0 in source order). Every manager comes before its reports in {@code managersFirst},
     * so one pass gives each record its level; a record whose manager is outside the upload (or whose link closed a
     * loop, which places it before its manager) is level 0.
     */
    private static List<Planned> byLevel(List<Planned> managersFirst) {
        Map<String, Integer> level = new HashMap<>(managersFirst.size() * 2);
        int[] levels = new int[managersFirst.size()];
        int deepest = 0;
        for (int i = 0; i < managersFirst.size(); i++) {
            Planned planned = managersFirst.get(i);
            Integer managerLevel = planned.managerExternalId() == null ? null : level.get(planned.managerExternalId());
            levels[i] = managerLevel == null ? 0 : managerLevel + 1;
            level.put(planned.externalId(), levels[i]);
            deepest = Math.max(deepest, levels[i]);
        }
        List<Planned> ordered = new ArrayList<>(managersFirst.size());
        Map<String, Integer> placed = new HashMap<>(managersFirst.size() * 2);
        for (int l = 0; l <= deepest; l++) {
            List<Planned> onLevel = new ArrayList<>();
            for (int i = 0; i < levels.length; i++) {
                if (levels[i] == l) {
                    onLevel.add(managersFirst.get(i));
                }
            }
            if (l > 0) {
                // stable: one manager's reports keep their order; every manager of level l is placed already
                onLevel.sort(Comparator.comparingInt(planned -> placed.get(planned.managerExternalId())));
            }
            for (Planned planned : onLevel) {
                placed.put(planned.externalId(), ordered.size());
                ordered.add(planned);
            }
        }
        return ordered;
    }

    /** For each batch, the earlier batches that hold a manager named by one of its records, ascending. */
    private static int[][] dependencies(List<Planned> ordered, int batchSize) {
        Map<String, Integer> batchOf = new HashMap<>(ordered.size() * 2);
        for (int i = 0; i < ordered.size(); i++) {
            batchOf.put(ordered.get(i).externalId(), i / batchSize);
        }
        int batches = (ordered.size() + batchSize - 1) / batchSize;
        int[][] result = new int[batches][];
        for (int b = 0; b < batches; b++) {
            TreeSet<Integer> earlier = new TreeSet<>();
            for (Planned planned : ordered.subList(b * batchSize, Math.min(ordered.size(), (b + 1) * batchSize))) {
                Integer managerBatch = planned.managerExternalId() == null ? null
                        : batchOf.get(planned.managerExternalId());
                if (managerBatch != null && managerBatch < b) {
                    earlier.add(managerBatch);
                }
            }
            result[b] = earlier.stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    /**
     * The earlier batches whose 202 batch {@code index} must wait for: those holding a manager of one of its records
     * (the service resolves a manager only once it has the manager's upload). Empty for most batches of a flat list.
     */
    public int[] dependencies(int index) {
        return dependencies[index].clone();
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

    /** The records of batch {@code index}, in operation order, without rebuilding their JSON. */
    public List<RecordRef> recordsOfBatch(int index) {
        if (index < 0 || index >= batchCount()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + batchCount());
        }
        List<RecordRef> records = new ArrayList<>();
        for (Planned planned : ordered.subList(index * batchSize, Math.min(ordered.size(), (index + 1) * batchSize))) {
            records.add(new RecordRef(planned.externalId(), planned.sourcePosition()));
        }
        return records;
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
