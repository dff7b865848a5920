package org.zstack.cp.agent;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.RunningVmOnFakeAgent;
import org.zstack.cp.support.ServiceLog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;

/** An agent that echoes its request in its error text gets no form of the guest password back to a client or a log. */
@QuarkusTest
class AgentSecretsTest extends RunningVmOnFakeAgent {
    private static final String GUEST_PASSWORD = "Q\"u\\ote-77";

    private static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String pythonRepr(String text) {
        return text.replace("\\", "\\\\");
    }

    private static List<String> formsOfThePassword() {
        return List.of(GUEST_PASSWORD, json(GUEST_PASSWORD), json(json(GUEST_PASSWORD)), url(GUEST_PASSWORD),
                url(json(GUEST_PASSWORD)), url(GUEST_PASSWORD).replace("+", "%20"), pythonRepr(GUEST_PASSWORD));
    }

    private Response change() {
        return Api.as().body("{\"changeVmPassword\": {\"password\": \"" + json(GUEST_PASSWORD) + "\", "
                + "\"account\": \"root\"}}").put("/zstack/v1/vm-instances/" + vm + "/actions");
    }

    private static Function<String, Answer> failingWith(Function<String, String> error) {
        return body -> Answer.ok("{\"success\": false, \"error\": \"" + json(error.apply(body)) + "\"}");
    }

    @Test
    void noFormOfThePasswordComesBackInAnAnswerOrALogLine() throws Exception {
        List<Function<String, Answer>> echoes = List.of(
                failingWith(body -> "agent got: " + body),
                failingWith(body -> "agent got: " + url(body)),
                failingWith(body -> "agent got: " + json(body)),
                failingWith(body -> "chpasswd refused '" + pythonRepr(GUEST_PASSWORD) + "'"),
                body -> Answer.ok("agent got: " + body),
                body -> new Answer(500, "agent got: " + body, 0));
        List<String> answers = new ArrayList<>();
        for (Function<String, Answer> echo : echoes) {
            AGENT.answer(CHANGE_PASSWORD, echo);
            Response answer = change();
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.jsonPath().getString("error.code")).isEqualTo("SYS.1006");
            answers.add(answer.asString());
        }

        assertThat(AGENT.bodies(CHANGE_PASSWORD)).hasSize(echoes.size())
                .allMatch(b -> b.contains(json(GUEST_PASSWORD)));
        String log = ServiceLog.all();
        for (String form : formsOfThePassword()) {
            assertThat(answers).noneMatch(a -> a.contains(form));
            assertThat(log).doesNotContain(form);
        }
        assertThat(JsonPath.from(answers.get(0)).getString("error.details")).contains("agent got: ").contains("******");
    }

    @Test
    void aLongAgentErrorIsCutAndSaysSo() {
        AGENT.answer(CHANGE_PASSWORD, failingWith(body -> "agent got: " + body.repeat(100)));
        String details = change().then().statusCode(503).extract().path("error.details");
        assertThat(formsOfThePassword()).noneMatch(details::contains);
        assertThat(details).contains("agent got: ").contains("******").contains("cut").hasSizeLessThan(1400);
    }
}
