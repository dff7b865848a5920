package org.zstack.cp.iam2;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.SdkClient;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.db.WritePaths.advanced;
import static org.zstack.cp.db.WritePaths.inventoryOf;
import static org.zstack.cp.db.WritePaths.lastOpDate;
import static org.zstack.cp.db.WritePaths.rows;
import static org.zstack.cp.db.WritePaths.tagCount;

/** UpdateIAM2VirtualID answers the same inventory whichever way it runs, and a refused one changes nothing. */
@QuarkusTest
class Iam2UpdatePathsTest {
    private static final String FIRST = Api.sha512("paths-first-secret");
    private static final String SECOND = Api.sha512("paths-second-secret");
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";
    private String uuid;

    @BeforeEach
    void create() {
        uuid = Api.as().body(Map.of("params", Map.of("name", "paths-" + UUID.randomUUID(), "password", FIRST,
                        "attributes", List.of(Map.of("name", "a", "value", "b")))))
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200).extract().path("inventory.uuid");
    }

    private static Map<String, Object> body(String action, Map<String, Object> fields, List<String> systemTags,
                                            List<String> userTags) {
        Map<String, Object> body = new HashMap<>(Map.of(action, fields));
        if (!systemTags.isEmpty()) {
            body.put("systemTags", systemTags);
        }
        if (!userTags.isEmpty()) {
            body.put("userTags", userTags);
        }
        return body;
    }

    private static Map<String, Object> update(Map<String, Object> fields, List<String> userTags) {
        return body("updateIAM2VirtualID", fields, List.of(), userTags);
    }

    private JsonPath put(String target, Map<String, Object> body) {
        return Api.as().body(body).put("/zstack/v1/iam2/virtual-ids/" + target + "/actions").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void everyPathAnswersTheSameInventoryAndMovesLastOpDate() {
        String name = "renamed-" + uuid.substring(0, 8);
        Map<String, Object> fields = Map.of("name", name, "description", "d2");
        OffsetDateTime before = lastOpDate("iam2_virtual_id", uuid);
        Map<String, Object> plain = inventoryOf(put(uuid, update(fields, List.of())));
        assertThat(plain).containsEntry("name", name).containsEntry("description", "d2");
        assertThat((List<?>) plain.get("attributes")).hasSize(1);
        before = advanced("iam2_virtual_id", uuid, before);

        assertThat(inventoryOf(put(uuid, update(fields, List.of("paths-tag"))))).isEqualTo(plain);
        assertThat(tagCount(uuid)).isEqualTo(1);
        before = advanced("iam2_virtual_id", uuid, before);

        Map<String, Object> withOld = new HashMap<>(fields);
        withOld.putAll(Map.of("password", SECOND, "oldPassword", FIRST));
        assertThat(inventoryOf(put(uuid, update(withOld, List.of())))).isEqualTo(plain);
        before = advanced("iam2_virtual_id", uuid, before);

        Map<String, Object> jobFields = new HashMap<>(fields);
        jobFields.putAll(Map.of("password", FIRST, "oldPassword", SECOND));
        SdkClient.Result job = SdkClient.admin().put("/zstack/v1/iam2/virtual-ids/" + uuid + "/actions",
                update(jobFields, List.of("paths-job-tag")));
        assertThat(job.ok()).as("%s", job.error()).isTrue();
        assertThat(inventoryOf(job.body())).isEqualTo(plain);
        assertThat(tagCount(uuid)).isEqualTo(2);
        before = advanced("iam2_virtual_id", uuid, before);

        JsonPath queried = Api.as().get("/zstack/v1/iam2/virtual-ids/" + uuid).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> fromQuery = new HashMap<>(queried.getMap("inventories[0]"));
        fromQuery.remove("lastOpDate");
        assertThat(fromQuery).isEqualTo(plain);

        Map<String, Object> disabled = inventoryOf(put(uuid, body("changeIAM2VirtualIDState",
                Map.of("stateEvent", "disable"), List.of(), List.of())));
        Map<String, Object> expected = new HashMap<>(plain);
        expected.put("state", "Disabled");
        assertThat(disabled).isEqualTo(expected);
        advanced("iam2_virtual_id", uuid, before);
    }

    @Test
    void validationOnlyAnswersEmptyAndChangesNothing() {
        List<String> before = rows("SELECT * FROM iam2_virtual_id WHERE uuid = $1", uuid);
        assertThat(put(uuid, body("updateIAM2VirtualID", Map.of("description", "never", "password", SECOND,
                "oldPassword", FIRST), List.of("validationOnly"), List.of("t"))).getMap("$")).isEmpty();
        assertThat(put(uuid, body("updateIAM2VirtualID", Map.of("description", "never"), List.of("validationOnly"),
                List.of())).getMap("$")).isEmpty();
        assertThat(put(uuid, body("changeIAM2VirtualIDState", Map.of("stateEvent", "disable"),
                List.of("validationOnly"), List.of())).getMap("$")).isEmpty();
        assertThat(rows("SELECT * FROM iam2_virtual_id WHERE uuid = $1", uuid)).isEqualTo(before);
        assertThat(tagCount(uuid)).isZero();
    }

    @Test
    void eachDocumentedErrorChangesNothing() {
        String taken = Api.as().body(Map.of("params", Map.of("name", "taken-" + UUID.randomUUID(),
                "password", FIRST))).post("/zstack/v1/iam2/virtual-ids").then().statusCode(200)
                .extract().path("inventory.name");
        refused(UNKNOWN, Map.of("description", "x"), "SYS.1003");
        refused(UNKNOWN, Map.of("description", "x", "password", SECOND, "oldPassword", FIRST), "SYS.1003");
        refused(uuid, Map.of("name", taken), "SYS.1007");
        refused(uuid, Map.of("name", taken, "password", SECOND, "oldPassword", FIRST), "SYS.1007");
        refused(uuid, Map.of("password", SECOND, "oldPassword", SECOND), "SYS.1006");
        refused(uuid, Map.of("password", ""), "SYS.1007");
    }

    private void refused(String target, Map<String, Object> fields, String code) {
        List<String> before = rows("SELECT * FROM iam2_virtual_id ORDER BY uuid");
        String error = Api.as().body(update(fields, List.of("refused-tag")))
                .put("/zstack/v1/iam2/virtual-ids/" + target + "/actions")
                .then().statusCode(503).extract().path("error.code");
        assertThat(error).as("%s", fields).isEqualTo(code);
        assertThat(rows("SELECT * FROM iam2_virtual_id ORDER BY uuid")).as("%s", fields).isEqualTo(before);
        assertThat(tagCount(uuid)).isZero();
    }
}
