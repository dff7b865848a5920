package org.zstack.cp.agent;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.Poll;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Http;
import org.zstack.cp.support.RunningVmOnFakeAgent;
import org.zstack.cp.support.ServiceLog;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.zstack.cp.support.AgentReplies.GUEST_TOOLS;
import static org.zstack.cp.support.AgentReplies.passwordChanged;

/**
 * The KVM agent's async protocol, against a stand-in that behaves as its {@code AsyncUirHandler}: the command
 * carries {@code taskuuid} and {@code callbackurl}, is accepted at once, and its reply comes by callback.
 */
@QuarkusTest
class KvmAgentCallbackTest extends RunningVmOnFakeAgent {
    private static final String CALLBACK = "/zstack/asyncrest/callback";
    private static final String GUEST_PASSWORD = "Sekr3t-Callback-9";

    private Response change(String password, String account) {
        return Api.as().body("{\"changeVmPassword\": {\"password\": \"" + password + "\", \"account\": \"" + account
                + "\"}}").put("/zstack/v1/vm-instances/" + vm + "/actions");
    }

    private Response updateGuestTools() {
        return Api.as().body("{}").put("/zstack/v1/vm-instances/" + vm + "/guesttools-state");
    }

    private static String guestTools(String vm, String version) {
        return "{\"success\": true, \"error\": null, \"states\": {\"" + vm + "\": {\"qgaRunning\": true, "
                + "\"zsToolsFound\": true, \"version\": \"" + version + "\", \"platForm\": \"Windows\", "
                + "\"osType\": \"Windows 10\"}}}";
    }

    private static Response callback(String taskUuid, String body) {
        var spec = RestAssured.given().contentType("application/json").body(body);
        if (taskUuid != null) {
            spec.header("taskuuid", taskUuid);
        }
        return spec.post(CALLBACK);
    }

    @Test
    void theCommandCarriesATaskUuidAndThisReplicasCallbackUrlAndItsReplyCompletesTheCall() {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(passwordChanged("root")));
        change(GUEST_PASSWORD, "root").then().statusCode(200).body("$", anEmptyMap());
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(passwordChanged("root")));
        change(GUEST_PASSWORD, "root").then().statusCode(200).body("$", anEmptyMap());

        List<FakeAgent.Recorded> requests = AGENT.requests(CHANGE_PASSWORD);
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.taskUuid()).matches("[0-9a-f]{32}");
            assertThat(r.callbackUrl()).isEqualTo("http://localhost:" + RestAssured.port + CALLBACK);
        });
        assertThat(requests.get(0).taskUuid()).isNotEqualTo(requests.get(1).taskUuid());
        assertThat(AGENT.callbacks()).hasSize(2).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
    }

    @Test
    void theRealFieldNamesMapToQgaRunningWithPlatformAndOsType() {
        AGENT.answer(GUEST_TOOLS, Answer.ok(guestTools(vm, "4.7.0")));
        updateGuestTools().then().statusCode(200)
                .body("inventory.qgaState", equalTo("Running"))
                .body("inventory.zwatchState", equalTo("NotInstalled"))
                .body("inventory.version", equalTo("4.7.0"))
                .body("inventory.platform", equalTo("Windows"))
                .body("inventory.osType", equalTo("Windows 10"));
    }

    @Test
    void aReplyWithTheErrorHeaderGetsSys1006WithoutThePassword() {
        AGENT.answer(CHANGE_PASSWORD, Answer.raised("Traceback (most recent call last): chpasswd failed for '"
                + GUEST_PASSWORD + "'"));
        change(GUEST_PASSWORD, "root").then().statusCode(503)
                .body("error.code", equalTo("SYS.1006"))
                .body("error.details", containsString("Traceback"))
                .body("error.details", containsString("******"))
                .body("error.details", not(containsString(GUEST_PASSWORD)));
    }

    @Test
    void anAgentThatRefusesTheCommandGetsSys1006() {
        AGENT.answer(CHANGE_PASSWORD, new Answer(500, "internal error", 0));
        change(GUEST_PASSWORD, "root").then().statusCode(503).body("error.code", equalTo("SYS.1006"));
        assertThat(AGENT.callbacks()).isEmpty();
    }

    @Test
    void noReplyInTimeGetsSys1001AndTheLateReplyIsRefusedChangesNothingAndIsLoggedOnce() throws Exception {
        AGENT.answer(GUEST_TOOLS, Answer.ok(guestTools(vm, "4.7.0")).delayedBy(4_500));
        String before = updateGuestTools().then().statusCode(200).body("inventory.qgaState", equalTo("NotInstalled"))
                .extract().path("inventory.lastOpDate");
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(passwordChanged("root")).delayedBy(4_500));
        change(GUEST_PASSWORD, "root").then().statusCode(503).body("error.code", equalTo("SYS.1001"));

        List<FakeAgent.Callback> late = AGENT.awaitCallbacks(2, Duration.ofSeconds(30));
        assertThat(late).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(404);
            assertThat(JsonPath.from(c.answer()).getString("error.code")).isEqualTo("SYS.1003");
        });
        Api.as().get("/zstack/v1/guesttools/" + vm).then()
                .body("inventories[0].qgaState", equalTo("NotInstalled"))
                .body("inventories[0].lastOpDate", equalTo(before));

        String task = late.get(0).taskUuid();
        callback(task, guestTools(vm, "4.7.0")).then().statusCode(404).body("error.code", equalTo("SYS.1003"));
        assertThat(occurrences(ServiceLog.all(), "dropped a reply for task " + task)).isEqualTo(1);
    }

    @Test
    void unknownReplayedMissingAndOversizedRepliesAreRefusedAndChangeNothing() throws Exception {
        AGENT.answer(GUEST_TOOLS, Answer.ok(guestTools(vm, "4.7.0")));
        updateGuestTools().then().statusCode(200).body("inventory.version", equalTo("4.7.0"));
        FakeAgent.Callback done = AGENT.callbacks().get(0);

        AGENT.answer(GUEST_TOOLS, Answer.ok(guestTools(vm, "9.9.9")).delayedBy(60_000));
        CompletableFuture<HttpResponse<String>> waiting = new Http()
                .put("/zstack/v1/vm-instances/" + vm + "/guesttools-state", "{}");
        Poll.until(Duration.ofSeconds(30), "the second guest tools command reaches the agent",
                () -> AGENT.requests(GUEST_TOOLS).size() >= 2);
        String pending = AGENT.requests(GUEST_TOOLS).get(1).taskUuid();

        callback(done.taskUuid(), guestTools(vm, "6.6.6")).then().statusCode(404)
                .body("error.code", equalTo("SYS.1003"));
        callback(UUID.randomUUID().toString().replace("-", ""), guestTools(vm, "6.6.6")).then().statusCode(404)
                .body("error.code", equalTo("SYS.1003"));
        callback(null, guestTools(vm, "6.6.6")).then().statusCode(400).body("error.code", equalTo("SYS.1007"));
        callback("../" + pending, guestTools(vm, "6.6.6")).then().statusCode(400)
                .body("error.code", equalTo("SYS.1007"));
        callback(pending, "{\"pad\": \"" + "x".repeat(1 << 20) + "\"}").then().statusCode(413)
                .body("error.code", equalTo("SYS.1007"));

        HttpResponse<String> answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(answer.body()).getString("inventory.version")).isEqualTo("4.7.0");
        Api.as().get("/zstack/v1/guesttools/" + vm).then().body("inventories[0].version", equalTo("4.7.0"));
        callback(pending, guestTools(vm, "6.6.6")).then().statusCode(404).body("error.code", equalTo("SYS.1003"));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
