package org.zstack.cp.agent;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.SimulatedAgents;


import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

/** Dev mode's simulator: a host with no agent at all, and both KVM calls still run the callback path. */
@QuarkusTest
@TestProfile(SimulatedAgents.class)
class KvmAgentSimulatorTest {

    @Test
    void bothCallsSucceedThroughTheSimulatorsCallback() {
        String vm = Fixtures.createVm(Fixtures.addHost(Fixtures.loopbackIp(), FakeAgent.closedPort()), "InstantStart");
        Api.as().body("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                .put("/zstack/v1/vm-instances/" + vm + "/actions").then().statusCode(200).body("$", anEmptyMap());
        Api.as().body("{}").put("/zstack/v1/vm-instances/" + vm + "/guesttools-state").then().statusCode(200)
                .body("inventory.qgaState", equalTo("Running"))
                .body("inventory.version", equalTo(KvmAgentSimulator.GUEST_TOOLS_VERSION));
    }

    @Test
    void theSimulatorRefusesACommandWithoutTaskUuidAsTheRealAgentDoes() {
        RestAssured.given().body("{}").post(KvmAgentSimulator.PREFIX + "/vm/changepasswd")
                .then().statusCode(400).body(equalTo("taskUuid missing in request header"));
    }
}
