package org.zstack.cp.tag;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.SdkClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A system tag is {@code token} or {@code token::value}: an unreplaced placeholder of the API documents
 * ({@code "<systemTags>"}) is refused with SYS.1007 naming it, on every API that takes tags, and nothing is written.
 */
@QuarkusTest
class SystemTagFormTest {
    private static final String PLACEHOLDER = "<systemTags>";

    @Test
    void aPlaceholderSystemTagIsRefusedOnACreateAndNothingIsWritten() {
        String ip = "192.168.79." + (1 + (int) (System.nanoTime() % 200));
        Api.as().body(Map.of("params", Map.of("name", "placeholder", "managementIp", ip, "username", "root",
                        "password", "pw"), "systemTags", List.of(PLACEHOLDER), "userTags", List.of("owner::carol")))
                .post("/zstack/v1/hosts/kvm")
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString(PLACEHOLDER));
        assertThat(Db.count("SELECT count(*) FROM host WHERE management_ip = $1", ip)).isZero();
    }

    @Test
    void aPlaceholderSystemTagIsRefusedOnAnUpdateAndNothingIsWritten() {
        String vm = Fixtures.createVm(Fixtures.addHost(), "InstantStart");
        Api.as().body("{\"stopVmInstance\": {}, \"systemTags\": [\"" + PLACEHOLDER + "\"], \"userTags\": [\"x\"]}")
                .put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString(PLACEHOLDER));
        assertThat(Db.rows("SELECT state FROM vm_instance WHERE uuid = $1", vm).get(0).getString(0))
                .isEqualTo("Running");
        assertThat(tagRows(vm)).isZero();
    }

    @Test
    void theDocumentsCurlBodyWithItsPlaceholdersLeftInIsRefusedThroughTheApiJobToo() throws Exception {
        String vm = Fixtures.createVm(Fixtures.addHost(), "CreateStopped");
        String tpm = Api.as().body(Map.of("params", Map.of("vmInstanceUuid", vm))).post("/zstack/v1/tpms")
                .then().statusCode(200).extract().path("inventory.uuid");
        String kp = Api.as().body(Map.of("params", Map.of("name", "kp-placeholder"))).post("/zstack/v1/key-providers")
                .then().statusCode(200).extract().path("inventory.uuid");
        String documented = "{\"updatetpm\":{\"vmInstanceUuid\":\"" + vm + "\",\"tpmUuid\":\"" + tpm
                + "\",\"keyProviderUuid\":\"" + kp + "\"},\"systemTags\":[\"" + PLACEHOLDER
                + "\"],\"userTags\":[\"<userTags>\"]}";
        Api.as().body(documented).put("/zstack/v1/tpms")
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString(PLACEHOLDER));

        SdkClient.Result viaJob = SdkClient.admin().put("/zstack/v1/tpms",
                new ObjectMapper().readValue(documented, Map.class));
        assertThat(viaJob.firstStatus()).isEqualTo(202);
        assertThat(viaJob.errorCode()).isEqualTo("SYS.1007");
        assertThat((String) viaJob.error().get("details")).contains(PLACEHOLDER);

        assertThat(Db.count("SELECT count(*) FROM tpm WHERE uuid = $1 AND key_provider_uuid IS NULL", tpm)).isOne();
        assertThat(tagRows(tpm)).isZero();
    }

    @Test
    void everyTagOfZStackShapeIsStored() {
        String vm = Fixtures.createVm(Fixtures.addHost(), "InstantStart");
        List<String> system = List.of("ha::NeverStop", "killed::mid-job", "locking::7", "schema::system",
                "usbRedirect::true", "capability:snapshot", "qemu-img::version::2.12",
                "resourceConfig::vm::vm.clock.track::guest", "hostname::vm-1.example.com",
                "staticIp::" + vm + "::fe80::1", "bootOrder::CdRom,HardDisk",
                "sshkey::ssh-rsa AAAAB3NzaC1yc2E= carol@example.com", "userdata::I2Nsb3VkLWNvbmZpZw==");
        List<String> user = List.of("owner::alice", "<userTags>", "Team Ops", "部署");
        Api.as().body(Map.of("stopVmInstance", Map.of(), "systemTags", system, "userTags", user))
                .put("/zstack/v1/vm-instances/" + vm + "/actions").then().statusCode(200);
        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/system-tags").then().statusCode(200)
                .body("inventories.tag", containsInAnyOrder(system.toArray()));
        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/user-tags").then().statusCode(200)
                .body("inventories.tag", containsInAnyOrder(user.toArray()));
    }

    @Test
    void aSystemTagOfAnotherShapeOrAUserTagWithAControlCharacterIsRefused() {
        String vm = Fixtures.createVm(Fixtures.addHost(), "InstantStart");
        for (String tag : List.of(PLACEHOLDER, "{systemTags}", "1st::x", "-x", "ha ::x", "two words", "ha::",
                "a" + "\u00e9", "hostname::a\nb", "x".repeat(2049))) {
            Api.as().body(Map.of("stopVmInstance", Map.of(), "systemTags", List.of("ha::NeverStop", tag)))
                    .put("/zstack/v1/vm-instances/" + vm + "/actions")
                    .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                    .body("error.details", containsString("systemTags"));
        }
        for (String tag : List.of("tab\there", "line\nbreak", "::value", "x".repeat(2049))) {
            Api.as().body(Map.of("stopVmInstance", Map.of(), "userTags", List.of(tag)))
                    .put("/zstack/v1/vm-instances/" + vm + "/actions")
                    .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                    .body("error.details", containsString("userTags"));
        }
        assertThat(Db.rows("SELECT state FROM vm_instance WHERE uuid = $1", vm).get(0).getString(0))
                .isEqualTo("Running");
        assertThat(tagRows(vm)).isZero();
    }

    static long tagRows(String resourceUuid) {
        return Db.count("SELECT count(*) FROM system_tag WHERE resource_uuid = $1", resourceUuid)
                + Db.count("SELECT count(*) FROM user_tag WHERE resource_uuid = $1", resourceUuid);
    }
}
