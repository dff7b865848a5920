package org.zstack.cp.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the query string of a collection GET: a valid query over real values, then one or two mutations of
 * its conditions, paging or sorting. Values are percent-encoded unless the mutation is a broken encoding.
 */
final class QueryMutator {
    private static final List<String> OPERATORS = List.of("=", "!=", ">", "<", ">=", "<=", "?=", "!?=", "~=", "!~=");
    private static final List<String> META = List.of("'", "%", "_", "\\", ";--", "%' OR '1'='1", "\\%", "%%", "a_b",
            "' UNION SELECT password_hash FROM account --", "\"", "a\u0000b", "名前%", "\uD83D\uDE00", "1) OR (1=1",
            "", " ", "*", "?", ":p0", "$1", "%s");
    private final Values values;

    QueryMutator(Values values) {
        this.values = values;
    }

    /** Sets {@code c.query}; {@code samples} are real values that conditions on text fields can match. */
    void build(FuzzCase c, List<String> samples, boolean mutate) {
        QuerySpec spec = c.querySpec;
        List<String[]> params = new ArrayList<>();
        int conditions = values.between(0, 2);
        for (int i = 0; i < conditions; i++) {
            params.add(new String[]{"q", validCondition(spec, samples)});
        }
        if (values.chance(0.4)) {
            params.add(new String[]{"limit", String.valueOf(values.between(0, 50))});
        }
        if (values.chance(0.2)) {
            params.add(new String[]{"start", String.valueOf(values.between(0, 5))});
        }
        if (values.chance(0.3)) {
            params.add(new String[]{"sort", (values.chance(0.5) ? "+" : "-") + values.pick(spec.all())});
        }
        if (values.chance(0.3)) {
            params.add(new String[]{"replyWithCount", "true"});
        }
        String raw = null;
        if (mutate) {
            int n = values.chance(0.3) ? 2 : 1;
            for (int i = 0; i < n; i++) {
                raw = mutate(c, spec, samples, params, raw);
            }
        }
        StringBuilder query = new StringBuilder();
        for (String[] p : params) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(Paths.encodeQuery(p[0])).append('=').append(Paths.encodeQuery(p[1]));
        }
        if (raw != null) {
            query.append(query.length() > 0 ? "&" : "").append(raw);
        }
        c.query = query.toString();
    }

    /** Replaces a paging or sorting parameter: the service reads only the first of each. */
    private static void set(List<String[]> params, String name, String value) {
        params.removeIf(p -> p[0].equals(name));
        params.add(new String[]{name, value});
    }

    private String validCondition(QuerySpec spec, List<String> samples) {
        int kind = values.random().nextInt(10);
        if (kind < 5 || (spec.integers().isEmpty() && spec.enums().isEmpty())) {
            String field = values.pick(spec.text());
            String op = values.pick(List.of("=", "!=", "~=", "!~=", "?="));
            String value = values.pick(samples);
            if (op.endsWith("~=")) {
                value = values.chance(0.5) ? value.substring(0, Math.min(4, value.length())) + "%" : "%" + value + "%";
            } else if (op.equals("?=")) {
                value = value + "," + values.pick(samples);
            }
            return field + op + value;
        }
        if (kind < 7 && !spec.enums().isEmpty()) {
            String field = values.pick(new ArrayList<>(spec.enums().keySet()));
            return field + values.pick(List.of("=", "!=", "?=")) + values.pick(spec.enums().get(field));
        }
        if (kind < 8 && !spec.integers().isEmpty()) {
            return values.pick(spec.integers()) + values.pick(List.of("=", ">", "<", ">=", "<=")) + values.between(0, 70000);
        }
        if (kind < 9) {
            return values.pick(spec.dates()) + values.pick(List.of(">", "<", ">=", "<="))
                    + values.pick(List.of("0", String.valueOf(System.currentTimeMillis()), "Nov 14, 2017 2:20:57 PM"));
        }
        return values.pick(spec.all()) + values.pick(List.of(" is null", " not null"));
    }

    /** Applies one mutation; answers raw text to append unencoded, or the raw text so far. */
    private String mutate(FuzzCase c, QuerySpec spec, List<String> samples, List<String[]> params, String raw) {
        switch (values.random().nextInt(14)) {
            case 0 -> {
                String field = values.pick(List.of("nope", "Name", "NAME", "password", "passwordHash",
                        "password_hash", "uuid;--", "1name", "name\u0000", "__proto__", "t.uuid", "name.length"));
                params.add(new String[]{"q", field + values.pick(OPERATORS) + "x"});
                c.mutated("query: unknown field " + field, Expect.INVALID);
            }
            case 1 -> {
                String cond = values.pick(List.of(values.pick(spec.all()) + values.pick(OPERATORS),
                        values.pick(spec.all()), "=x", "", " ", values.pick(spec.all()) + " is",
                        values.pick(spec.all()) + "==x", values.pick(spec.all()) + " is null x", "?=", "~="));
                params.add(new String[]{"q", cond});
                c.mutated("query: operator without value [" + cond + "]", null);
            }
            case 2, 3 -> {
                String value = values.pick(META);
                params.add(new String[]{"q", values.pick(spec.text()) + values.pick(OPERATORS) + value});
                c.mutated("query: metacharacters " + value.replace("\u0000", "\\0"), null);
            }
            case 4 -> {
                List<String> typed = new ArrayList<>(spec.integers());
                typed.addAll(spec.enums().keySet());
                typed.addAll(spec.dates());
                String field = values.pick(typed);
                String value = values.pick(List.of("abc", "99999999999999999999", "1.5", "-", "running", "RUNNING",
                        " Running ", "", "1,abc", ",,,", "Nov 31, 2017 2:20:57 PM", "2017-11-14T14:20:57Z", "1e3",
                        "0x1F", "9223372036854775808"));
                params.add(new String[]{"q", field + values.pick(OPERATORS) + value});
                c.mutated("query: wrong-typed value for " + field, null);
            }
            case 5 -> {
                String limit = values.pick(List.of("-1", "abc", "", "1.5", "2147483647", "2147483648",
                        "99999999999", "+5", " 5 ", "0x10", "٣"));
                set(params, "limit", limit);
                c.mutated("query: limit=" + limit, limit.equals("-1") || limit.equals("abc") ? Expect.INVALID : null);
            }
            case 6 -> {
                String start = values.pick(List.of("abc", "-5", "2147483647", "2147483000", "1000000", "1e3", ""));
                set(params, "start", start);
                if (values.chance(0.5)) {
                    set(params, "limit", values.pick(List.of("1000", "2147483647", "10")));
                }
                c.mutated("query: start=" + start, start.equals("abc") ? Expect.INVALID : null);
            }
            case 7 -> {
                String sort = values.pick(List.of("+nope", "-", "+", "password", "++name", "+name;drop",
                        "-" + values.pick(spec.all()) + ",uuid", "name desc", " ", "+NAME", "\u0000"));
                set(params, "sort", sort);
                c.mutated("query: sort=" + sort.replace("\u0000", "\\0"),
                        sort.equals("+nope") || sort.equals("password") ? Expect.INVALID : null);
            }
            case 8 -> {
                String[] extra = values.pick(List.of(new String[]{"count", "true"}, new String[]{"fields", "name,uuid"},
                        new String[]{"replyWithCount", "maybe"}, new String[]{"foo", "bar"},
                        new String[]{"q", "name=a&b"}, new String[]{"groupBy", "name"}, new String[]{"", ""}));
                params.add(extra);
                c.mutated("query: extra parameter " + extra[0], null);
            }
            case 9 -> {
                for (int i = 0; i < 60; i++) {
                    params.add(new String[]{"q", validCondition(spec, samples)});
                }
                c.mutated("query: 60 conditions", null);
            }
            case 10 -> {
                String field = values.pick(spec.text());
                StringBuilder list = new StringBuilder();
                for (int i = 0; i < 60; i++) {
                    list.append(i == 0 ? "" : ",").append(values.uuid());
                }
                params.add(new String[]{"q", field + values.pick(List.of("?=", "!?=")) + list});
                c.mutated("query: long in-list", null);
            }
            case 11 -> {
                params.add(new String[]{"q", values.pick(spec.text()) + "=" + values.longString(
                        values.pick(List.of(300, 2100, 5000)))});
                c.mutated("query: long value", null);
            }
            case 12 -> {
                String broken = values.pick(List.of("q=name%3D%zz", "q=%E0%A4%A", "q=name=%", "limit=%00",
                        "q=name%3D%C3%28", "q=uuid%3D%FF", "%=%", "q", "&&&", "q=name=a;b"));
                c.mutated("query: broken encoding " + broken, null);
                return (raw == null ? "" : raw + "&") + broken;
            }
            default -> {
                String field = values.pick(spec.text());
                String value = values.string();
                if (value.length() > 2000) {
                    value = value.substring(0, 2000);
                }
                params.add(new String[]{"q", field + values.pick(OPERATORS) + value});
                c.mutated("query: hostile value", null);
            }
        }
        return raw;
    }
}
