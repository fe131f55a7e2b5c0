package io.entrasync.plan;

import java.util.List;

/**
 * Records whose manager references form a loop (A's manager is B, B's manager is A, or A names itself). No order can
 * send every manager first; the loop is broken at {@link #sentBeforeManager()}, which goes out before its manager.
 * All members are kept next to each other so they usually share one request, where the service can still resolve
 * the reference; otherwise that one reference resolves on the next upload.
 *
 * @param members externalIds in the order of the chain: each one's manager is the next, the last one's is the first
 * @param sentBeforeManager the member sent before its own manager
 */
public record ManagerCycle(List<String> members, String sentBeforeManager) {

    public ManagerCycle {
        members = List.copyOf(members);
    }

    /** For people: {@code "manager cycle A -> B -> A: A is sent before its manager B"}. */
    public String describe() {
        if (members.size() == 1) {
            return "record " + members.get(0) + " names itself as its manager; the reference cannot resolve";
        }
        String chain = String.join(" -> ", members) + " -> " + members.get(0);
        int index = members.indexOf(sentBeforeManager);
        String manager = members.get((index + 1) % members.size());
        return "manager cycle " + chain + ": " + sentBeforeManager + " is sent before its manager " + manager;
    }
}
