package org.zstack.cp.fuzz;

import org.zstack.cp.support.Db;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows a request may touch, read as text in one statement, so that a rejected request can be shown to have
 * changed none of them. Each probe is {@code table} rows where {@code column} equals one of the arguments.
 */
final class Snapshot {
    private final List<String> probes = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    /** Every row of {@code table} whose {@code column} is {@code value}. */
    Snapshot rows(String table, String column, String value) {
        return probe("t::text", table, column, value);
    }

    /** Only the listed columns, for requests allowed to change the others even when they fail. */
    Snapshot columns(String table, String column, String value, String columns) {
        return probe("row(" + columns + ")::text", table, column, value);
    }

    /** The system and user tags of a resource. */
    Snapshot tags(String resourceUuid) {
        return rows("system_tag", "resource_uuid", resourceUuid).rows("user_tag", "resource_uuid", resourceUuid);
    }

    private Snapshot probe(String expression, String table, String column, String value) {
        args.add(value);
        probes.add("(SELECT '" + table + ": ' || coalesce(string_agg(" + expression + ", ' ; ' ORDER BY " + expression
                + "), '') FROM " + table + " t WHERE " + column + " = $" + args.size() + ")");
        return this;
    }

    String take() {
        return Db.rows("SELECT concat_ws(E'\\n', " + String.join(", ", probes) + ")", args.toArray())
                .get(0).getString(0);
    }
}
