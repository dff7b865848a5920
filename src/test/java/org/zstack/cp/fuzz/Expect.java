package org.zstack.cp.fuzz;

import java.util.HashSet;
import java.util.Set;

/**
 * What a mutation must get, when DESIGN.md says so for certain: one of {@code codes}, and one of {@code statuses}
 * unless that is null. An authentication failure outranks everything after it in the order of checks.
 */
record Expect(Set<String> codes, Set<Integer> statuses, boolean authentication) {
    static final Expect BAD_JSON = new Expect(Set.of("SYS.1007"), Set.of(400), false);
    static final Expect INVALID = new Expect(Set.of("SYS.1007"), null, false);
    static final Expect NO_AUTH = new Expect(Set.of("ID.1001"), Set.of(400), true);
    static final Expect UNKNOWN_SESSION = new Expect(Set.of("ID.1001"), Set.of(503), true);
    static final Expect NO_ROUTE = new Expect(Set.of("SYS.1009"), Set.of(404), false);

    static Expect merge(Expect a, Expect b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        if (a.authentication() || b.authentication()) {
            return a.authentication() ? a : b;
        }
        Set<String> codes = new HashSet<>(a.codes());
        codes.retainAll(b.codes());
        if (codes.isEmpty()) {
            return null;
        }
        Set<Integer> statuses = null;
        if (a.statuses() != null && b.statuses() != null) {
            statuses = new HashSet<>(a.statuses());
            statuses.addAll(b.statuses());
        }
        return new Expect(Set.copyOf(codes), statuses == null ? null : Set.copyOf(statuses), false);
    }

    boolean admits(int status, String code) {
        return codes.contains(code) && (statuses == null || statuses.contains(status));
    }

    @Override
    public String toString() {
        return (statuses == null ? "" : statuses + " ") + codes;
    }
}
