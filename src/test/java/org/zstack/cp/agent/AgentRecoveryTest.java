package org.zstack.cp.agent;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;
import org.zstack.cp.support.WireMockAgent;
import org.zstack.cp.support.Poll;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.zstack.cp.support.AgentReplies.GUEST_TOOLS;
import static org.zstack.cp.support.AgentReplies.SUCCESS;
import static org.zstack.cp.support.AgentReplies.guestToolsRunning;

/** Calls that time out on a hung agent hold nothing afterwards: not a connection, not a place in a queue. */
@QuarkusTest
class AgentRecoveryTest {
    private static final int HUNG_CALLS = 200;
    private static final WireMockServer HUNG = WireMockAgent.start();
    private static final WireMockServer OTHER = WireMockAgent.start();

    @AfterAll
    static void stopAgents() {
        HUNG.stop();
        OTHER.stop();
    }

    /**
     * A 200 means the agent got the call and its reply came back within the deadline. On a loaded machine a reply
     * may still miss the deadline while the hung calls time out together, so a SYS.1001 is tried again, a bounded
     * number of times: a host blocked by the hung one would time out every time.
     */
    private static void changePasswordAnswersAtOnce(String vm, WireMockServer agent) {
        for (int attempt = 1; ; attempt++) {
            var answer = Api.as().body("{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                    .put("/zstack/v1/vm-instances/" + vm + "/actions").then();
            if (attempt == 5 || answer.extract().statusCode() == 200) {
                answer.statusCode(200).body("$", anEmptyMap());
                break;
            }
            answer.statusCode(503).body("error.code", equalTo("SYS.1001"));
        }
        assertThat(agent.countRequestsMatching(postRequestedFor(urlEqualTo(CHANGE_PASSWORD)).build()).getCount())
                .isBetween(1, 5);
    }

    @Test
    void aHostAnswersAtOnceWhenItsAgentRecoversAfterTwoHundredTimedOutCalls() throws Exception {
        HUNG.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(600_000)));
        WireMockAgent.replyByCallback(OTHER, CHANGE_PASSWORD, SUCCESS, 0);
        String vm = Fixtures.createVm(WireMockAgent.addHost(HUNG), "InstantStart");
        String otherVm = Fixtures.createVm(WireMockAgent.addHost(OTHER), "InstantStart");

        Http http = new Http();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < HUNG_CALLS; i++) {
            calls.add(i % 2 == 0
                    ? http.put("/zstack/v1/vm-instances/" + vm + "/actions",
                    "{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"root\"}}")
                    : http.put("/zstack/v1/vm-instances/" + vm + "/guesttools-state", "{}"));
        }
        Poll.until(Duration.ofSeconds(60), "the calls reach the hung agent",
                () -> !HUNG.getAllServeEvents().isEmpty());
        changePasswordAnswersAtOnce(otherVm, OTHER);

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        for (int i = 0; i < HUNG_CALLS; i++) {
            HttpResponse<String> answer = calls.get(i).get();
            if (i % 2 == 0) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(JsonPath.from(answer.body()).getString("error.code")).isEqualTo("SYS.1001");
            } else {
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(JsonPath.from(answer.body()).getString("inventory.qgaState")).isEqualTo("NotInstalled");
            }
        }

        HUNG.resetAll();
        WireMockAgent.replyByCallback(HUNG, CHANGE_PASSWORD, SUCCESS, 0);
        WireMockAgent.replyByCallback(HUNG, GUEST_TOOLS, guestToolsRunning(vm, "4.6.11"), 0);
        changePasswordAnswersAtOnce(vm, HUNG);
        Api.as().body("{}").put("/zstack/v1/vm-instances/" + vm + "/guesttools-state")
                .then().statusCode(200).body("inventory.qgaState", equalTo("Running"));
        HUNG.verify(1, postRequestedFor(urlEqualTo(GUEST_TOOLS)));
    }
}
