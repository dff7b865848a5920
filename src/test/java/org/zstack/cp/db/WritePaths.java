package org.zstack.cp.db;

import io.restassured.path.json.JsonPath;
import org.zstack.cp.support.Db;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tests of an update's write paths compare: inventories without lastOpDate, rows before and after. */
public final class WritePaths {
    private WritePaths() {
    }

    /** The reply's inventory, without {@code lastOpDate} (which must move on every update). */
    public static Map<String, Object> inventoryOf(JsonPath reply) {
        Map<String, Object> inventory = new HashMap<>(reply.getMap("inventory"));
        assertThat(inventory).containsKey("lastOpDate");
        inventory.remove("lastOpDate");
        return inventory;
    }

    /** The rows the query selects, each as JSON, in its order. */
    public static List<String> rows(String sql, Object... args) {
        return Db.rows("SELECT row_to_json(x)::text FROM (" + sql + ") x", args).stream()
                .map(row -> row.getString(0)).toList();
    }

    public static OffsetDateTime lastOpDate(String table, String uuid) {
        return Db.rows("SELECT last_op_date FROM " + table + " WHERE uuid = $1", uuid).get(0).getOffsetDateTime(0);
    }

    /** Asserts the row's last_op_date is later than {@code before}, and answers it. */
    public static OffsetDateTime advanced(String table, String uuid, OffsetDateTime before) {
        OffsetDateTime now = lastOpDate(table, uuid);
        assertThat(now).isAfter(before);
        return now;
    }

    public static long tagCount(String resourceUuid) {
        return Db.count("SELECT (SELECT count(*) FROM system_tag WHERE resource_uuid = $1) "
                + "+ (SELECT count(*) FROM user_tag WHERE resource_uuid = $1)", resourceUuid);
    }
}
