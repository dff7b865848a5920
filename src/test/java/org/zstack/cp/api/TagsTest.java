package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class TagsTest {

    @Test
    void aTagSentTwiceIsStoredOnce() {
        String host = Fixtures.addHost();
        String vm = Fixtures.uuid(Api.as().body(Fixtures.tagged(Fixtures.vmBody("tagged", host, "InstantStart"),
                List.of("ha::NeverStop"), List.of("owner::alice", "owner::alice"))).post("/zstack/v1/vm-instances"));
        Api.as().body(Map.of("stopVmInstance", Map.of(), "systemTags", List.of("ha::NeverStop"),
                        "userTags", List.of("owner::alice", "team::ops")))
                .put("/zstack/v1/vm-instances/" + vm + "/actions").then().statusCode(200);

        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/user-tags").then().statusCode(200)
                .body("inventories", hasSize(2))
                .body("inventories.findAll { it.tag == 'owner::alice' }", hasSize(1))
                .body("inventories[0].resourceType", equalTo("VmInstanceVO"));
        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/system-tags").then().statusCode(200)
                .body("inventories", hasSize(1))
                .body("inventories[0].tag", equalTo("ha::NeverStop"));
    }

    @Test
    void validationOnlyChecksEverythingAndWritesNothing() {
        String ip = "192.168.77.1";
        Api.as().body(Fixtures.tagged(Fixtures.hostBody("dry", ip, "pw", 7070), List.of("validationOnly"),
                        List.of("owner::bob")))
                .post("/zstack/v1/hosts/kvm")
                .then().statusCode(200).body("$", anEmptyMap());
        Api.as().queryParam("q", "managementIp=" + ip).get("/zstack/v1/hosts")
                .then().statusCode(200).body("inventories", hasSize(0));

        String vm = Fixtures.createVm(Fixtures.addHost(), "InstantStart");
        Api.as().body(Map.of("stopVmInstance", Map.of(), "systemTags", List.of("validationOnly")))
                .put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200).body("$", anEmptyMap());
        Api.as().get("/zstack/v1/vm-instances/" + vm).then().body("inventories[0].state", equalTo("Running"));
        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/system-tags")
                .then().body("inventories", hasSize(0));

        Api.as().body(Fixtures.tagged(Fixtures.vmBody("dry", "0123456789abcdef0123456789abcdef", "InstantStart"),
                        List.of("validationOnly"), List.of()))
                .post("/zstack/v1/vm-instances")
                .then().statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void aTagBreakingItsRuleGetsSys1007() {
        String vm = Fixtures.createVm(Fixtures.addHost(), "InstantStart");
        for (String tag : List.of("", "x".repeat(2049), "::value")) {
            Api.as().body(Map.of("stopVmInstance", Map.of(), "userTags", List.of(tag)))
                    .put("/zstack/v1/vm-instances/" + vm + "/actions")
                    .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        }
        Api.as().get("/zstack/v1/vm-instances/" + vm).then().body("inventories[0].state", equalTo("Running"));
    }
}
