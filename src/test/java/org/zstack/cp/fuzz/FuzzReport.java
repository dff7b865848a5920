package org.zstack.cp.fuzz;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests per route and answers per status and code, and keeps each violation once per
 * (route, status, code, first 80 characters of the details) with how often it happened and its first request.
 */
final class FuzzReport {
    private record Key(String route, int status, String code, String details) {
    }

    private static final class Group {
        final String property;
        final String example;
        final String answer;
        final LongAdder count = new LongAdder();

        Group(String property, String example, String answer) {
            this.property = property;
            this.example = example;
            this.answer = answer;
        }
    }

    private final Map<String, LongAdder> perRoute = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> millisPerRoute = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> perAnswer = new ConcurrentSkipListMap<>();
    private final Map<Key, Group> violations = new ConcurrentHashMap<>();
    private final LongAdder violationCount = new LongAdder();

    void answered(FuzzCase c, int status, String code, long millis) {
        perRoute.computeIfAbsent(c.route, k -> new LongAdder()).increment();
        millisPerRoute.computeIfAbsent(c.route, k -> new LongAdder()).add(millis);
        perAnswer.computeIfAbsent(status + " " + code, k -> new LongAdder()).increment();
    }

    void violated(FuzzCase c, int status, Oracle.Violation v, String answer) {
        violationCount.increment();
        String details = v.details() == null ? "" : v.details();
        Key key = new Key(c.route, status, v.code(), v.property() + " | " + details.substring(0, Math.min(80, details.length())));
        violations.computeIfAbsent(key, k -> new Group(v.property(), c.describe(), answer)).count.increment();
    }

    private final LongAdder snapshotMillis = new LongAdder();

    void snapshotMillis(long millis) {
        snapshotMillis.add(millis);
    }

    boolean clean() {
        return violations.isEmpty();
    }

    long total() {
        return perRoute.values().stream().mapToLong(LongAdder::sum).sum();
    }

    String counts() {
        StringBuilder sb = new StringBuilder("Requests per route (" + total() + " in all, " + perRoute.size()
                + " routes):\n");
        sb.append("   count  mean ms  route\n");
        perRoute.forEach((route, n) -> sb.append(String.format("  %6d  %7.1f  %s%n", n.sum(),
                millisPerRoute.get(route).sum() / (double) n.sum(), route)));
        sb.append("Answers by status and code:\n");
        perAnswer.forEach((answer, n) -> sb.append(String.format("  %6d  %s%n", n.sum(), answer)));
        sb.append("Time spent reading rows before requests: ").append(snapshotMillis.sum()).append(" ms\n");
        sb.append("Violations: ").append(violationCount.sum()).append(" in ").append(violations.size())
                .append(" distinct groups\n");
        return sb.toString();
    }

    String violations() {
        StringBuilder sb = new StringBuilder();
        Map<String, Group> sorted = new TreeMap<>();
        violations.forEach((k, g) -> sorted.put(k.route() + " | " + k.status() + " " + k.code() + " | " + k.details(), g));
        sorted.forEach((key, g) -> sb.append(String.format("- [%d x] %s%n    request: %s%n    answer:  %s%n",
                g.count.sum(), key, g.example, g.answer)));
        return sb.toString();
    }
}
