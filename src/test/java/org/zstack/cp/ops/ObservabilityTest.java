package org.zstack.cp.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.AgentReplies;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ObservabilityTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

    @Test
    void readinessIncludesTheDatabase() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database"));
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        RestAssured.given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsShowRouteTimersAgentCallsAndErrorsByCode() {
        Api.as().body("{\"stopVmInstance\": {}}")
                .put("/zstack/v1/vm-instances/0123456789abcdef0123456789abcdef/actions")
                .then().statusCode(503).body("error.code", equalTo("SYS.1003"));
        AGENT.answer(AgentReplies.CHANGE_PASSWORD, Answer.ok(AgentReplies.failure("no guest agent")));
        String vm = Fixtures.createVm(Fixtures.addHost(AGENT), "InstantStart");
        Api.as().body("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                .put("/zstack/v1/vm-instances/" + vm + "/actions").then().statusCode(503);

        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("zstack_errors_total\\{[^}]*code=\"SYS.1003\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("zstack_errors_total\\{[^}]*code=\"SYS.1006\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*method=\"PUT\"[^}]*uri=\"/zstack/v1/vm-instances/\\{uuid}/actions\"");
        assertThat(metrics).containsPattern(
                "zstack_agent_calls_seconds_count\\{[^}]*outcome=\"failure\"[^}]*path=\"/vm/changepasswd\"[^}]*} [1-9]");
    }
}
