package io.entrasync.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders records so that every manager comes before (or, in a cycle, next to) the reports that name it, while
 * keeping the source order everywhere else. Deterministic: the same input always gives the same order, which is
 * what lets an interrupted upload resume at a batch offset.
 *
 * <p>Walks the records in source order; before emitting one, it emits its not-yet-emitted managers, topmost first.
 * A manager that is not in this upload is assumed to be known to the service already. A loop in the chain is
 * broken at the record whose manager link closes it, and reported.
 */
final class ManagerFirstOrder {

    // 0: not visited yet (the array's initial value)
    private static final byte ON_PATH = 1;
    private static final byte EMITTED = 2;

    /**
     * @param order indexes into the input list, managers first
     * @param cycles the loops found, in the order they were met
     */
    public record Result(int[] order, List<ManagerCycle> cycles) {
    }

    /** One record as the ordering sees it. */
    public interface Node {
        String externalId();

        /** The manager's externalId, or {@code null} when the record names none. */
        String managerExternalId();
    }

    private ManagerFirstOrder() {
    }

    /** Orders {@code nodes}; their externalIds must be unique. */
    public static Result of(List<? extends Node> nodes) {
        int n = nodes.size();
        Map<String, Integer> indexById = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (indexById.putIfAbsent(nodes.get(i).externalId(), i) != null) {
                throw new IllegalArgumentException("duplicate externalId " + nodes.get(i).externalId());
            }
        }
        byte[] state = new byte[n];
        int[] order = new int[n];
        int emitted = 0;
        List<ManagerCycle> cycles = new ArrayList<>();
        List<Integer> path = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (state[start] == EMITTED) {
                continue;
            }
            path.clear();
            int current = start;
            while (true) {
                state[current] = ON_PATH;
                path.add(current);
                String managerId = nodes.get(current).managerExternalId();
                Integer manager = managerId == null ? null : indexById.get(managerId);
                if (manager == null || state[manager] == EMITTED) {
                    break;
                }
                if (state[manager] == ON_PATH) {
                    List<String> members = new ArrayList<>();
                    for (int i = path.indexOf(manager); i < path.size(); i++) {
                        members.add(nodes.get(path.get(i)).externalId());
                    }
                    cycles.add(new ManagerCycle(members, nodes.get(current).externalId()));
                    break;
                }
                current = manager;
            }
            Collections.reverse(path);
            for (int index : path) {
                state[index] = EMITTED;
                order[emitted++] = index;
            }
        }
        return new Result(order, List.copyOf(cycles));
    }
}
