package org.zstack.cp.api;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ZStack's query parameters: repeated {@code q=<field><op><value>}, {@code limit} (default 1000),
 * {@code start}, {@code sort=+field|-field|field} (ascending without a sign), {@code replyWithCount},
 * {@code count} and {@code fields=a,b}. {@code groupBy} and {@code filterName} are accepted and, as the
 * reply does not depend on them here, ignored. Values are always bound, never pasted.
 */
public final class QueryParser {
    public static final int DEFAULT_LIMIT = 1000;
    private static final Pattern CONDITION = Pattern.compile(
            "^\\s*([A-Za-z][A-Za-z0-9_]*)\\s*(!\\?=|!~=|\\?=|~=|!=|>=|<=|=|>|<| is null$| not null$)(.*)$",
            Pattern.DOTALL);

    private QueryParser() {
    }

    public static Query parse(QueryFields fields, MultivaluedMap<String, String> params) {
        NulCharacters.rejectIn(params);
        List<String> clauses = new ArrayList<>();
        Parameters bound = new Parameters();
        List<String> conditions = params.get("q");
        if (conditions != null) {
            for (String condition : conditions) {
                String name = "p" + clauses.size();
                clauses.add(clause(fields, condition, name, bound));
            }
        }
        return new Query(String.join(" and ", clauses), bound, sort(fields, params.getFirst("sort")),
                nonNegative("start", params.getFirst("start"), 0),
                nonNegative("limit", params.getFirst("limit"), DEFAULT_LIMIT),
                Boolean.parseBoolean(params.getFirst("replyWithCount")), count(params),
                fields.selectable(fields(params)));
    }

    /** Whether a query asks for the total alone ({@code count=true}). */
    public static boolean count(MultivaluedMap<String, String> params) {
        return Boolean.parseBoolean(params.getFirst("count"));
    }

    /** The inventory fields named by {@code fields=a,b}, or null when the query does not name any. */
    public static List<String> fields(MultivaluedMap<String, String> params) {
        String value = params.getFirst("fields");
        if (value == null) {
            return null;
        }
        List<String> names = Arrays.stream(value.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        if (names.isEmpty()) {
            throw ApiException.invalidArgument("[fields] names no field");
        }
        return names;
    }

    /** The query behind {@code GET .../{uuid}}: the one row with that primary key, or none. */
    public static Query byUuid(QueryFields fields, String uuid) {
        return new Query(fields.idAttribute() + " = :id", Parameters.with("id", uuid), Sort.by(fields.idAttribute()),
                0, 1, false, false, null);
    }

    private static String clause(QueryFields fields, String condition, String name, Parameters bound) {
        Matcher m = CONDITION.matcher(condition);
        if (!m.matches()) {
            throw ApiException.invalidArgument("the query condition [" + condition + "] is not of the form "
                    + "<field><operator><value>");
        }
        QueryFields.Field field = fields.get(m.group(1));
        String op = m.group(2).trim();
        String value = m.group(3);
        String attr = field.attribute();
        switch (op) {
            case "is null":
                return attr + " is null";
            case "not null":
                return attr + " is not null";
            case "?=", "!?=": {
                List<Object> values = Arrays.stream(value.split(",")).map(field.parser()).toList();
                bound.and(name, values);
                return attr + ("?=".equals(op) ? " in " : " not in ") + "(:" + name + ")";
            }
            case "~=", "!~=":
                if (!field.text()) {
                    throw ApiException.invalidArgument("the operator " + op + " applies to text fields only, not ["
                            + field.name() + "]");
                }
                bound.and(name, value);
                return attr + ("~=".equals(op) ? " like :" : " not like :") + name;
            default:
                bound.and(name, field.parser().apply(value));
                return attr + " " + ("!=".equals(op) ? "<>" : op) + " :" + name;
        }
    }

    private static Sort sort(QueryFields fields, String sort) {
        if (sort == null || sort.isBlank()) {
            return Sort.by(fields.idAttribute());
        }
        String spec = sort.strip();
        Sort.Direction direction = Sort.Direction.Ascending;
        if (spec.startsWith("-")) {
            direction = Sort.Direction.Descending;
            spec = spec.substring(1);
        } else if (spec.startsWith("+")) {
            spec = spec.substring(1);
        }
        QueryFields.Field field = fields.get(spec.strip());
        return Sort.by(field.attribute(), direction).and(fields.idAttribute());
    }

    private static int nonNegative(String name, String value, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.invalidArgument("[" + name + "] must be an integer of 0 or more, not [" + value + "]");
    }
}
