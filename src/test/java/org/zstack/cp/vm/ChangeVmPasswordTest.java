package org.zstack.cp.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.RunningVmOnFakeAgent;
import org.zstack.cp.support.ServiceLog;
import org.zstack.cp.support.Secrets;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.zstack.cp.support.AgentReplies.SUCCESS;
import static org.zstack.cp.support.AgentReplies.failure;

@QuarkusTest
class ChangeVmPasswordTest extends RunningVmOnFakeAgent {
    private static final String GUEST_PASSWORD = "Gu3st-s3cret!x";

    @BeforeEach
    void agentSucceeds() {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS));
    }

    private Response change(String body) {
        return Api.as().body(body).put("/zstack/v1/vm-instances/" + vm + "/actions");
    }

    @Test
    void theDocumentedCurlBodySucceedsAndTheAgentGetsExactlyTheDocumentedBody() throws Exception {
        change("{\"changeVmPassword\":{\"password\":\"password\",\"account\":\"root\"}}")
                .then().statusCode(200).body("$", anEmptyMap());

        assertThat(AGENT.bodies(CHANGE_PASSWORD)).hasSize(1);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(AGENT.bodies(CHANGE_PASSWORD).get(0))).isEqualTo(json.readTree(
                "{\"accountPerference\": {\"userAccount\": \"root\", \"accountPassword\": \"password\", "
                        + "\"vmUuid\": \"" + vm + "\"}, \"timeout\": 3}"));
    }

    @Test
    void theDocumentedBodyWithTagsSucceeds() {
        change("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}, "
                + "\"systemTags\": [], \"userTags\": []}").then().statusCode(200).body("$", anEmptyMap());
    }

    @Test
    void aStoppedVmGetsVm1010AndTheAgentIsNotCalled() {
        Api.as().body("{\"stopVmInstance\": {}}").put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200);
        change("{\"changeVmPassword\":{\"password\":\"password\",\"account\":\"root\"}}")
                .then().statusCode(503).body("error.code", equalTo("VM.1010"));
        assertThat(AGENT.bodies(CHANGE_PASSWORD)).isEmpty();
    }

    @Test
    void eachPasswordRuleIsRejectedWithSys1007() {
        for (String params : List.of(
                "{\"password\": \"pass word\", \"account\": \"root\"}",
                "{\"password\": \" leading\", \"account\": \"root\"}",
                "{\"password\": \"" + "a".repeat(33) + "\", \"account\": \"root\"}",
                "{\"password\": \"p\u00e4ssw\u00f6rd\", \"account\": \"root\"}",
                "{\"password\": \"\", \"account\": \"root\"}",
                "{\"account\": \"root\"}",
                "{\"password\": \"password\"}")) {
            change("{\"changeVmPassword\": " + params + "}")
                    .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        }
        change("{\"changeVmPassword\": {\"password\": \"" + "a".repeat(32) + "\", \"account\": \"root\"}}")
                .then().statusCode(200);
        change("{\"changeVmPassword\": {\"password\": \"`=\\\\[];',./~!@#$%^&*()_+|{}:\\\"<>?-\", "
                + "\"account\": \"root\"}}").then().statusCode(200);
        assertThat(AGENT.bodies(CHANGE_PASSWORD)).hasSize(2);
    }

    @Test
    void anAgentFailureGetsSys1006WithTheAgentsErrorButNotThePassword() {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(failure("qemu-ga refused " + GUEST_PASSWORD)));
        change("{\"changeVmPassword\": {\"password\": \"" + GUEST_PASSWORD + "\", \"account\": \"root\"}}")
                .then().statusCode(503).body("error.code", equalTo("SYS.1006"))
                .body("error.details", containsString("qemu-ga refused ******"))
                .body("error.details", not(containsString(GUEST_PASSWORD)));
        AGENT.answer(CHANGE_PASSWORD, new Answer(500, "{\"error\": \"boom\"}", 0));
        change("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                .then().statusCode(503).body("error.code", equalTo("SYS.1006"));
    }

    @Test
    void anUnreachableAgentGetsSys1006() {
        String host = Fixtures.addHost(Fixtures.loopbackIp(), FakeAgent.closedPort());
        vm = Fixtures.createVm(host, "InstantStart");
        change("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                .then().statusCode(503).body("error.code", equalTo("SYS.1006"))
                .body("error.details", containsString("cannot be reached"));
    }

    @Test
    void aSlowAgentBeyondTheTimeoutGetsSys1001() {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS).delayedBy(5_000));
        change("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                .then().statusCode(503).body("error.code", equalTo("SYS.1001"));
    }

    @Test
    void anUnknownVmGetsSys1003() {
        vm = "0123456789abcdef0123456789abcdee";
        change("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                .then().statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void thePasswordIsInNoAnswerNoLogAndNoTable() throws Exception {
        List<String> answers = new ArrayList<>();
        String body = "{\"changeVmPassword\": {\"password\": \"" + GUEST_PASSWORD + "\", \"account\": \"root\"}}";
        answers.add(change(body).then().statusCode(200).extract().asString());
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(failure("bad " + GUEST_PASSWORD)));
        answers.add(change(body).asString());
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS).delayedBy(5_000));
        answers.add(change(body).asString());
        answers.add(Api.as().get("/zstack/v1/vm-instances/" + vm).asString());

        assertThat(AGENT.bodies(CHANGE_PASSWORD)).anyMatch(b -> b.contains(GUEST_PASSWORD));
        Secrets.assertNowhere(answers, List.of(GUEST_PASSWORD));
        assertThat(ServiceLog.all()).contains("password=******");
    }
}
