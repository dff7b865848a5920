package org.zstack.cp.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.AgentReplies;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;
import org.zstack.cp.support.RunningVmOnFakeAgent;
import org.zstack.cp.support.ZStackDates;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.zstack.cp.support.AgentReplies.GUEST_TOOLS;
import static org.zstack.cp.support.AgentReplies.guestTools;

@QuarkusTest
class GuestToolsStateTest extends RunningVmOnFakeAgent {

    /** The KVM agent's answer: there is no zwatch field. */
    private static String state(String vm, boolean qgaRunning, boolean zsToolsFound, String version) {
        return guestTools(vm, qgaRunning, zsToolsFound, version, "Kylin", "Kylin");
    }

    /** The zwatch state reaches the service by another route than this answer; here it is set in the table. */
    private void zwatchIsRunning() {
        org.zstack.cp.support.Db.update("UPDATE guest_tools_state SET zwatch_state = 'Running' "
                + "WHERE vm_instance_uuid = $1", vm);
    }

    private ValidatableResponse update(String body) {
        return Api.as().body(body).put("/zstack/v1/vm-instances/" + vm + "/guesttools-state").then();
    }

    @Test
    void aNewVmStartsNotInstalled() {
        Api.as().get("/zstack/v1/guesttools/" + vm).then().statusCode(200)
                .body("inventories", hasSize(1))
                .body("inventories[0].qgaState", equalTo("NotInstalled"))
                .body("inventories[0].zwatchState", equalTo("NotInstalled"));
    }

    @Test
    void theDocumentedCurlBodyOnARunningVmStoresTheAgentsAnswer() {
        AGENT.answer(GUEST_TOOLS, Answer.ok(state(vm, true, true, "4.6.11")));
        update("{\"systemTags\":[\"documented::guestTools\"],\"userTags\":[\"owner::docs\"]}").statusCode(200)
                .body("inventory.vmInstanceUuid", equalTo(vm))
                .body("inventory.qgaState", equalTo("Running"))
                .body("inventory.zwatchState", equalTo("NotInstalled"))
                .body("inventory.version", equalTo("4.6.11"))
                .body("inventory.platform", equalTo("Kylin"))
                .body("inventory.osType", equalTo("Kylin"))
                .body("inventory.createDate", ZStackDates.zstackDate());
        assertThat(AGENT.bodies(GUEST_TOOLS)).containsExactly("{\"vmInstanceUuids\":[\"" + vm + "\"]}");
        Api.as().get("/zstack/v1/guesttools/" + vm).then().body("inventories[0].qgaState", equalTo("Running"));
        update("{}").statusCode(200).body("inventory.qgaState", equalTo("Running"));
    }

    @Test
    void zwatchRunningWithoutToolsMeansNotUpgraded() {
        zwatchIsRunning();
        AGENT.answer(GUEST_TOOLS, Answer.ok(state(vm, false, false, "4.6.0")));
        update("{}").statusCode(200)
                .body("inventory.qgaState", equalTo("NotUpgraded"))
                .body("inventory.zwatchState", equalTo("Running"));
    }

    @Test
    void aStoppedVmIsNotAskedAndItsToolsStopRunning() {
        zwatchIsRunning();
        AGENT.answer(GUEST_TOOLS, Answer.ok(state(vm, true, true, "4.6.11")));
        update("{}").statusCode(200).body("inventory.qgaState", equalTo("Running"));
        Api.as().body("{\"stopVmInstance\": {}}").put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200);
        AGENT.reset();

        update("{}").statusCode(200)
                .body("inventory.qgaState", equalTo("NotRunning"))
                .body("inventory.zwatchState", equalTo("NotRunning"))
                .body("inventory.version", equalTo("4.6.11"));
        assertThat(AGENT.bodies(GUEST_TOOLS)).isEmpty();
    }

    @Test
    void anAgentFailureChangesNothingAndAnswers200() {
        zwatchIsRunning();
        AGENT.answer(GUEST_TOOLS, Answer.ok(state(vm, true, true, "4.6.11")));
        String before = update("{}").statusCode(200).extract().path("inventory.lastOpDate");
        for (Answer failure : List.of(Answer.ok(AgentReplies.failure("no agent")),
                Answer.raised("Traceback (most recent call last): libvirtError"),
                new Answer(500, "oops", 0), Answer.ok("{\"success\": true, \"states\": {}}"),
                Answer.ok("{\"success\": true}").delayedBy(5_000))) {
            AGENT.answer(GUEST_TOOLS, failure);
            update("{}").statusCode(200)
                    .body("inventory.qgaState", equalTo("Running"))
                    .body("inventory.zwatchState", equalTo("Running"))
                    .body("inventory.lastOpDate", equalTo(before));
        }
        vm = Fixtures.createVm(Fixtures.addHost(Fixtures.loopbackIp(), FakeAgent.closedPort()), "InstantStart");
        update("{}").statusCode(200).body("inventory.qgaState", equalTo("NotInstalled"));
    }

    @Test
    void lastOpDateMovesOnlyWhenSomethingChanged() {
        AGENT.answer(GUEST_TOOLS, Answer.ok(state(vm, true, true, "4.6.11")));
        String first = update("{}").statusCode(200).extract().path("inventory.lastOpDate");
        org.zstack.cp.support.Db.update("UPDATE guest_tools_state SET last_op_date = last_op_date - interval '1 day' "
                + "WHERE vm_instance_uuid = $1", vm);
        String aged = Api.as().get("/zstack/v1/guesttools/" + vm).then().extract().path("inventories[0].lastOpDate");
        assertThat(aged).isNotEqualTo(first);
        update("{}").statusCode(200).body("inventory.lastOpDate", equalTo(aged));
        AGENT.answer(GUEST_TOOLS, Answer.ok(state(vm, true, true, "4.6.12")));
        update("{}").statusCode(200).body("inventory.version", equalTo("4.6.12"))
                .body("inventory.lastOpDate", org.hamcrest.Matchers.not(equalTo(aged)));
    }

    @Test
    void anUnknownVmGetsSys1003() {
        vm = "0123456789abcdef0123456789abcdef";
        update("{}").statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void queryTakesTheSharedConditions() {
        AGENT.answer(GUEST_TOOLS, Answer.ok(state(vm, true, true, "4.6.11")));
        update("{}").statusCode(200);
        Api.as().queryParam("q", "vmInstanceUuid=" + vm).queryParam("q", "qgaState=Running")
                .get("/zstack/v1/guesttools").then().statusCode(200).body("inventories", hasSize(1));
        Api.as().queryParam("q", "vmInstanceUuid=" + vm).queryParam("q", "qgaState=NotInstalled")
                .get("/zstack/v1/guesttools").then().statusCode(200).body("inventories", hasSize(0));
    }

    /**
     * Fifty calls at once while the agent alternates between "all running" (A) and "installed, nothing running" (B).
     * A always ends in qga Running; B ends in NotRunning once any A went before it, else NotInstalled; zwatch stays.
     * Each answer, and the final row, must be one of those whole states: a lost or torn update would mix them.
     */
    @Test
    void fiftyConcurrentCallsAllSucceedAndEndInASerialOrder() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AGENT.answer(GUEST_TOOLS, body -> calls.incrementAndGet() % 2 == 0
                ? Answer.ok(state(vm, true, true, "A"))
                : Answer.ok(state(vm, false, true, "B")));
        Http http = new Http();
        List<CompletableFuture<HttpResponse<String>>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(http.put("/zstack/v1/vm-instances/" + vm + "/guesttools-state", "{}"));
        }
        ObjectMapper json = new ObjectMapper();
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            HttpResponse<String> response = f.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertWholeState(json.readTree(response.body()).get("inventory"));
        }
        assertThat(calls.get()).isEqualTo(50);
        String row = Api.as().get("/zstack/v1/guesttools/" + vm).then().extract().asString();
        assertWholeState(json.readTree(row).get("inventories").get(0));
    }

    private static void assertWholeState(JsonNode s) {
        String whole = s.get("qgaState").asText() + "/" + s.get("zwatchState").asText() + "/" + s.get("version").asText();
        assertThat(whole).isIn("Running/NotInstalled/A", "NotRunning/NotInstalled/B", "NotInstalled/NotInstalled/B");
    }
}
