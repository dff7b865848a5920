package org.zstack.cp.agent;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.zstack.cp.support.AgentReplies.failure;
import static org.zstack.cp.support.AgentReplies.passwordChanged;

/**
 * Many calls wait for their replies by callback at once, and the replies come in another order than the calls:
 * each call gets the answer to its own command. The deadline is long here, so that a loaded machine cannot turn
 * the test into one about timeouts.
 */
@QuarkusTest
@TestProfile(ConcurrentCallbacksTest.LongDeadlines.class)
class ConcurrentCallbacksTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

    public static class LongDeadlines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zstack.agent.change-password-timeout", "120s");
        }
    }

    @Test
    void twoHundredConcurrentPasswordChangesEachGetTheirOwnAnswer() throws Exception {
        Pattern account = Pattern.compile("\"userAccount\":\"(user\\d+)\"");
        AGENT.answer(CHANGE_PASSWORD, body -> {
            Matcher m = account.matcher(body);
            String user = m.find() ? m.group(1) : "nobody";
            int n = Integer.parseInt(user.replaceAll("\\D", "0"));
            return Answer.ok(n % 3 == 0 ? failure("no such account " + user) : passwordChanged(user))
                    .delayedBy(n % 7 * 50L);
        });
        String vm = Fixtures.createVm(Fixtures.addHost(AGENT), "InstantStart");
        Http http = new Http();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            calls.add(http.put("/zstack/v1/vm-instances/" + vm + "/actions", "{\"changeVmPassword\": {\"password\": "
                    + "\"password\", \"account\": \"user" + i + "\"}}"));
        }
        for (int i = 1; i <= 200; i++) {
            HttpResponse<String> answer = calls.get(i - 1).get(2, TimeUnit.MINUTES);
            if (i % 3 == 0) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(JsonPath.from(answer.body()).getString("error.details"))
                        .endsWith("no such account user" + i);
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("{}");
            }
        }
        assertThat(AGENT.requests(CHANGE_PASSWORD).stream().map(FakeAgent.Recorded::taskUuid).distinct()).hasSize(200);
    }

}
