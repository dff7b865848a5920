package org.zstack.cp.tpm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.zstack.cp.support.ZStackDates.zstackDate;

@QuarkusTest
class TpmTest {
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";
    private String host;
    private String vm;
    private String tpm;
    private String kp1;
    private String kp2;

    private static ValidatableResponse addTpm(String vm, String keyProvider) {
        return Api.as().body(Fixtures.tpmBody(vm, keyProvider)).post("/zstack/v1/tpms").then();
    }

    private static ValidatableResponse update(String body) {
        return Api.as().body(body).put("/zstack/v1/tpms").then();
    }

    private static String updateTpm(String vm, String tpm, String keyProvider) {
        StringBuilder fields = new StringBuilder();
        for (String[] f : new String[][]{{"vmInstanceUuid", vm}, {"tpmUuid", tpm}, {"keyProviderUuid", keyProvider}}) {
            if (f[1] != null) {
                fields.append(fields.length() == 0 ? "" : ", ").append('"').append(f[0]).append("\": \"")
                        .append(f[1]).append('"');
            }
        }
        return "{\"updateTpm\": {" + fields + "}}";
    }

    private static void vmAction(String vm, String action) {
        Api.as().body("{\"" + action + "\": {}}").put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200);
    }

    @BeforeEach
    void stoppedVmWithTpm() {
        host = Fixtures.addHost();
        vm = Fixtures.createVm(host, "CreateStopped");
        kp1 = Fixtures.addKeyProvider("kp-1");
        kp2 = Fixtures.addKeyProvider("kp-2");
        tpm = addTpm(vm, kp1).statusCode(200)
                .body("inventory.name", equalTo("TPM-for-VM-" + vm))
                .body("inventory.vmInstanceUuid", equalTo(vm))
                .body("inventory.keyProviderUuid", equalTo(kp1))
                .body("inventory.hostRefs", hasSize(0))
                .extract().path("inventory.uuid");
    }

    @Test
    void theDocumentedCurlBodySucceeds() {
        update("{\"updatetpm\":{\"vmInstanceUuid\":\"" + vm + "\",\"tpmUuid\":\"" + tpm + "\",\"keyProviderUuid\":\""
                + kp2 + "\"},\"systemTags\":[\"documented::tpm\"],\"userTags\":[\"owner::docs\"]}")
                .statusCode(200)
                .body("inventory.uuid", equalTo(tpm))
                .body("inventory.name", equalTo("TPM-for-VM-" + vm))
                .body("inventory.vmInstanceUuid", equalTo(vm))
                .body("inventory.keyProviderUuid", equalTo(kp2))
                .body("inventory.createDate", zstackDate())
                .body("inventory.lastOpDate", zstackDate())
                .body("inventory.hostRefs", hasSize(0));
        Api.as().get("/zstack/v1/tpms/" + tpm).then().body("inventories[0].keyProviderUuid", equalTo(kp2));
    }

    @Test
    void addTpmRules() {
        addTpm(vm, kp2).statusCode(503).body("error.code", equalTo("TPM.1701"));
        String running = Fixtures.createVm(host, "InstantStart");
        addTpm(running, null).statusCode(503).body("error.code", equalTo("TPM.1703"))
                .body("error.opaque", equalTo(Map.of("support.vm.state", List.of("Stopped"))));
        addTpm(UNKNOWN, null).statusCode(503).body("error.code", equalTo("SYS.1003"));
        addTpm(Fixtures.createVm(host, "CreateStopped"), UNKNOWN).statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void step1NeitherVmNorTpmGetsSys1007() {
        update("{\"updateTpm\": {}}").statusCode(503).body("error.code", equalTo("SYS.1007"));
        update(updateTpm(null, null, kp2)).statusCode(503).body("error.code", equalTo("SYS.1007"));
    }

    @Test
    void step2AGivenUuidThatDoesNotExistGetsSys1003() {
        update(updateTpm(null, UNKNOWN, "not-a-uuid")).statusCode(503).body("error.code", equalTo("SYS.1003"));
        update(updateTpm(UNKNOWN, null, "not-a-uuid")).statusCode(503).body("error.code", equalTo("SYS.1003"));
        update(updateTpm(UNKNOWN, tpm, kp2)).statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void step3ATpmOfAnotherVmGetsSys1007() {
        String other = Fixtures.createVm(host, "CreateStopped");
        update(updateTpm(other, tpm, "not-a-uuid")).statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("does not belong"));
    }

    @Test
    void step4AVmWithoutTpmGetsTpm1702() {
        String bare = Fixtures.createVm(host, "CreateStopped");
        update(updateTpm(bare, null, "not-a-uuid")).statusCode(503).body("error.code", equalTo("TPM.1702"));
    }

    @Test
    void step5AMalformedKeyProviderGetsSys1007AndAnUnknownOneSys1003() {
        vmAction(vm, "startVmInstance");
        update(updateTpm(vm, null, "NOT-HEX")).statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("keyProviderUuid"));
        update(updateTpm(null, tpm, UNKNOWN)).statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void step6ChangingTheKeyProviderOfARunningVmGetsTpm1703() {
        vmAction(vm, "startVmInstance");
        update(updateTpm(vm, tpm, kp2)).statusCode(503).body("error.code", equalTo("TPM.1703"))
                .body("error.opaque", equalTo(Map.of("support.vm.state", List.of("Stopped"))));
        update(updateTpm(vm, tpm, kp1)).statusCode(200).body("inventory.keyProviderUuid", equalTo(kp1));
    }

    @Test
    void step7UpdatesTheKeyProviderAndLastOpDateByTpmAloneOrByVmAlone() {
        Db.update("UPDATE tpm SET last_op_date = last_op_date - interval '1 day' WHERE uuid = $1",
                tpm);
        String old = Api.as().get("/zstack/v1/tpms/" + tpm).then().extract().path("inventories[0].lastOpDate");
        update(updateTpm(null, tpm, kp2)).statusCode(200)
                .body("inventory.keyProviderUuid", equalTo(kp2))
                .body("inventory.lastOpDate", org.hamcrest.Matchers.not(equalTo(old)));
        update(updateTpm(vm, null, kp1)).statusCode(200)
                .body("inventory.uuid", equalTo(tpm))
                .body("inventory.keyProviderUuid", equalTo(kp1));
    }

    @Test
    void startingTheVmRecordsItsHostOncePerHost() {
        vmAction(vm, "startVmInstance");
        vmAction(vm, "stopVmInstance");
        vmAction(vm, "startVmInstance");
        Api.as().get("/zstack/v1/tpms/" + tpm).then().statusCode(200)
                .body("inventories[0].hostRefs", hasSize(1))
                .body("inventories[0].hostRefs[0].hostUuid", equalTo(host))
                .body("inventories[0].hostRefs[0].tpmUuid", equalTo(tpm))
                .body("inventories[0].hostRefs[0].path", equalTo("/var/lib/zstack/tpm/" + tpm))
                .body("inventories[0].hostRefs[0].createDate", zstackDate());
        Api.as().queryParam("q", "vmInstanceUuid=" + vm).get("/zstack/v1/tpms").then()
                .body("inventories.uuid", contains(tpm)).body("inventories[0].hostRefs", hasSize(1));
    }

    @Test
    void keyProvidersAndRemoveTpm() {
        Api.as().delete("/zstack/v1/key-providers/" + kp1).then().statusCode(503).body("error.code", equalTo("SYS.1006"));
        Api.as().get("/zstack/v1/key-providers/" + kp1).then().body("inventories[0].name", equalTo("kp-1"))
                .body("inventories[0].type", equalTo("KMS"));
        vmAction(vm, "startVmInstance");
        Api.as().delete("/zstack/v1/tpms/" + tpm).then().statusCode(503).body("error.code", equalTo("TPM.1703"));
        vmAction(vm, "stopVmInstance");
        Api.as().delete("/zstack/v1/tpms/" + tpm).then().statusCode(200).body("$", anEmptyMap());
        Api.as().get("/zstack/v1/tpms/" + tpm).then().body("inventories", hasSize(0));
        Api.as().delete("/zstack/v1/key-providers/" + kp1).then().statusCode(200);
        Api.as().get("/zstack/v1/key-providers/" + kp1).then().body("inventories", hasSize(0));
    }

    /**
     * Forty updates at once (by VM and by TPM), each to a key provider of its own, so that the provider stored at
     * the end names the one update that wrote last: what that update answered is exactly the TPM read afterwards.
     * Had an answered update not been stored, the TPM would still name kp-1, which no update answered.
     */
    @Test
    void concurrentUpdatesWithDifferentKeyProvidersEndConsistent() throws Exception {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            providers.add(Fixtures.addKeyProvider("kp-race-" + i));
        }
        Http http = new Http();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            calls.add(http.put("/zstack/v1/tpms", updateTpm(i % 2 == 0 ? vm : null, i % 2 == 0 ? null : tpm,
                    providers.get(i))));
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> answeredByProvider = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            HttpResponse<String> r = calls.get(i).get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode answered = json.readTree(r.body()).at("/inventory");
            assertThat(answered.at("/keyProviderUuid").asText()).isEqualTo(providers.get(i));
            answeredByProvider.put(providers.get(i), answered);
        }
        JsonNode stored = json.readTree(Api.as().get("/zstack/v1/tpms/" + tpm).then().statusCode(200)
                .extract().asString()).at("/inventories/0");
        String last = stored.at("/keyProviderUuid").asText();
        assertThat(answeredByProvider).as("the stored key provider %s is one an update answered", last)
                .containsKey(last);
        assertThat(stored).as("the TPM as read is what the update that set %s answered", last)
                .isEqualTo(answeredByProvider.get(last));
        assertThat(Db.rows("SELECT key_provider_uuid FROM tpm WHERE vm_instance_uuid = $1", vm).get(0).getString(0))
                .isEqualTo(last);
    }
}
