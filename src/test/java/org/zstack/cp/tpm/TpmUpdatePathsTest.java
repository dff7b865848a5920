package org.zstack.cp.tpm;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.SdkClient;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.db.WritePaths.advanced;
import static org.zstack.cp.db.WritePaths.inventoryOf;
import static org.zstack.cp.db.WritePaths.lastOpDate;
import static org.zstack.cp.db.WritePaths.rows;
import static org.zstack.cp.db.WritePaths.tagCount;

/** UpdateTpm answers the same inventory whichever way it runs, and a refused one changes nothing. */
@QuarkusTest
class TpmUpdatePathsTest {
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";
    private String vm;
    private String tpm;
    private String kp2;

    @BeforeEach
    void stoppedVmWithTpmThatHasRunOnAHost() {
        String host = Fixtures.addHost();
        vm = Fixtures.createVm(host, "CreateStopped");
        String kp1 = Fixtures.addKeyProvider("paths-kp-1");
        kp2 = Fixtures.addKeyProvider("paths-kp-2");
        tpm = Api.as().body(Map.of("params", Map.of("vmInstanceUuid", vm, "keyProviderUuid", kp1)))
                .post("/zstack/v1/tpms").then().statusCode(200).extract().path("inventory.uuid");
        vmAction("startVmInstance");
        vmAction("stopVmInstance");
    }

    private void vmAction(String action) {
        Api.as().body(Map.of(action, Map.of())).put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200);
    }

    private static Map<String, Object> body(Map<String, Object> fields, List<String> systemTags,
                                            List<String> userTags) {
        Map<String, Object> body = new HashMap<>(Map.of("updateTpm", fields));
        if (!systemTags.isEmpty()) {
            body.put("systemTags", systemTags);
        }
        if (!userTags.isEmpty()) {
            body.put("userTags", userTags);
        }
        return body;
    }

    private static JsonPath put(Map<String, Object> body) {
        return Api.as().body(body).put("/zstack/v1/tpms").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyPathAnswersTheSameInventoryAndMovesLastOpDate() {
        OffsetDateTime before = lastOpDate("tpm", tpm);
        Map<String, Object> plain = inventoryOf(put(body(Map.of("tpmUuid", tpm, "keyProviderUuid", kp2),
                List.of(), List.of())));
        assertThat(plain).containsEntry("keyProviderUuid", kp2).containsEntry("uuid", tpm);
        assertThat((List<?>) plain.get("hostRefs")).hasSize(1);
        before = advanced("tpm", tpm, before);

        Map<String, Object> tagged = inventoryOf(put(body(Map.of("tpmUuid", tpm, "keyProviderUuid", kp2),
                List.of(), List.of("paths-tag"))));
        assertThat(tagged).isEqualTo(plain);
        assertThat(tagCount(tpm)).isEqualTo(1);
        before = advanced("tpm", tpm, before);

        Map<String, Object> byVm = inventoryOf(put(body(Map.of("vmInstanceUuid", vm, "keyProviderUuid", kp2),
                List.of(), List.of())));
        assertThat(byVm).isEqualTo(plain);
        before = advanced("tpm", tpm, before);

        SdkClient.Result job = SdkClient.admin().put("/zstack/v1/tpms",
                body(Map.of("tpmUuid", tpm, "vmInstanceUuid", vm, "keyProviderUuid", kp2), List.of(),
                        List.of("paths-job-tag")));
        assertThat(job.ok()).as("%s", job.error()).isTrue();
        assertThat(inventoryOf(job.body())).isEqualTo(plain);
        assertThat(tagCount(tpm)).isEqualTo(2);
        advanced("tpm", tpm, before);

        JsonPath queried = Api.as().get("/zstack/v1/tpms/" + tpm).then().statusCode(200).extract().jsonPath();
        Map<String, Object> fromQuery = new HashMap<>(queried.getMap("inventories[0]"));
        fromQuery.remove("lastOpDate");
        assertThat(fromQuery).isEqualTo(plain);
    }

    @Test
    void validationOnlyAnswersEmptyAndChangesNothing() {
        List<String> rowsBefore = rows("SELECT * FROM tpm WHERE uuid = $1", tpm);
        JsonPath reply = put(body(Map.of("tpmUuid", tpm, "keyProviderUuid", kp2), List.of("validationOnly"),
                List.of("paths-tag")));
        assertThat(reply.getMap("$")).isEmpty();
        assertThat(rows("SELECT * FROM tpm WHERE uuid = $1", tpm)).isEqualTo(rowsBefore);
        assertThat(tagCount(tpm)).isZero();
    }

    @Test
    void eachDocumentedErrorChangesNothing() {
        String otherVm = Fixtures.createVm(Fixtures.addHost(), "CreateStopped");
        refused(Map.of("keyProviderUuid", kp2), "SYS.1007");
        refused(Map.of("tpmUuid", UNKNOWN, "keyProviderUuid", kp2), "SYS.1003");
        refused(Map.of("vmInstanceUuid", UNKNOWN, "keyProviderUuid", kp2), "SYS.1003");
        refused(Map.of("tpmUuid", tpm, "vmInstanceUuid", otherVm, "keyProviderUuid", kp2), "SYS.1007");
        refused(Map.of("vmInstanceUuid", otherVm, "keyProviderUuid", kp2), "TPM.1702");
        refused(Map.of("tpmUuid", tpm, "keyProviderUuid", "not-a-uuid"), "SYS.1007");
        refused(Map.of("tpmUuid", tpm, "keyProviderUuid", UNKNOWN), "SYS.1003");
        vmAction("startVmInstance");
        refused(Map.of("tpmUuid", tpm, "keyProviderUuid", kp2), "TPM.1703");
        refused(Map.of("vmInstanceUuid", vm, "keyProviderUuid", kp2), "TPM.1703");
    }

    private void refused(Map<String, Object> fields, String code) {
        List<String> tpmsBefore = rows("SELECT * FROM tpm ORDER BY uuid");
        String error = Api.as().body(body(fields, List.of(), List.of("refused-tag"))).put("/zstack/v1/tpms")
                .then().statusCode(503).extract().path("error.code");
        assertThat(error).as("%s", fields).isEqualTo(code);
        assertThat(rows("SELECT * FROM tpm ORDER BY uuid")).as("%s", fields).isEqualTo(tpmsBefore);
        assertThat(tagCount(tpm)).isZero();
        SdkClient.Result job = SdkClient.admin().put("/zstack/v1/tpms", body(fields, List.of(), List.of("job-tag")));
        assertThat(job.errorCode()).as("%s as a job", fields).isIn(code, SdkClient.GENERIC_FAILURE);
        assertThat(rows("SELECT * FROM tpm ORDER BY uuid")).isEqualTo(tpmsBefore);
        assertThat(tagCount(tpm)).isZero();
    }
}
