package org.zstack.cp.vm;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.SdkClient;
import org.zstack.cp.support.RunningVmOnFakeAgent;

import java.util.List;
import java.util.Map;

import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ChangeVmPassword by its plain path, with a tag, and as an API job: the same answer, the agent asked once each
 * time, and the same rows (the VM as it was; a tag only when one was sent). A failing agent changes nothing.
 */
@QuarkusTest
class ChangeVmPasswordPathsTest extends RunningVmOnFakeAgent {
    private static final Map<String, Object> CHANGE = Map.of("account", "root", "password", "Paths-pw-1");

    @BeforeEach
    void agentSucceeds() {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok("{\"success\": true}"));
    }

    private String actions() {
        return "/zstack/v1/vm-instances/" + vm + "/actions";
    }

    private Response change(Map<String, Object> body) {
        return Api.as().body(body).put(actions());
    }

    private String vmRow() {
        return Db.rows("SELECT v::text FROM vm_instance v WHERE uuid = $1", vm).get(0).getString(0);
    }

    private long tags() {
        return Db.count("SELECT count(*) FROM user_tag WHERE resource_uuid = $1", vm);
    }

    @Test
    void plainTaggedAndAsAJobAnswerTheSameAndWriteOnlyTheTag() {
        String before = vmRow();

        Response plain = change(Map.of("changeVmPassword", CHANGE));
        assertThat(tags()).isZero();
        Response withTag = change(Map.of("changeVmPassword", CHANGE, "userTags", List.of("password-path")));
        assertThat(tags()).isEqualTo(1);
        SdkClient.Result job = SdkClient.admin().put(actions(), Map.of("changeVmPassword", CHANGE));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(withTag.statusCode()).isEqualTo(200);
        assertThat(job.ok()).as("%s", job.error()).isTrue();
        assertThat(job.firstStatus()).isEqualTo(202);
        assertThat(withTag.jsonPath().getMap("$")).isEqualTo(plain.jsonPath().getMap("$")).isEmpty();
        assertThat(job.body().getMap("$")).isEqualTo(plain.jsonPath().getMap("$"));
        assertThat(AGENT.bodies(CHANGE_PASSWORD)).hasSize(3);
        assertThat(vmRow()).isEqualTo(before);
        assertThat(tags()).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM api_job WHERE uuid = $1 AND state = 'Succeeded'", job.jobUuid()))
                .isEqualTo(1);
    }

    @Test
    void aFailingAgentChangesNothingOnAnyPath() {
        String before = vmRow();
        AGENT.answer(CHANGE_PASSWORD, Answer.ok("{\"success\": false, \"error\": \"qemu-ga refused\"}"));

        Response plain = change(Map.of("changeVmPassword", CHANGE));
        Response withTag = change(Map.of("changeVmPassword", CHANGE, "userTags", List.of("password-path")));
        SdkClient.Result job = SdkClient.admin().put(actions(), Map.of("changeVmPassword", CHANGE,
                "userTags", List.of("password-path")));

        assertThat(plain.statusCode()).isEqualTo(503);
        assertThat(withTag.statusCode()).isEqualTo(503);
        assertThat(withTag.jsonPath().getMap("error")).isEqualTo(plain.jsonPath().getMap("error"));
        assertThat(plain.jsonPath().getString("error.code")).isEqualTo("SYS.1006");
        assertThat(job.errorCode()).isEqualTo("SYS.1006");
        assertThat(AGENT.bodies(CHANGE_PASSWORD)).hasSize(3);
        assertThat(vmRow()).isEqualTo(before);
        assertThat(tags()).isZero();
        assertThat(Db.count("SELECT count(*) FROM api_job WHERE uuid = $1 AND state = 'Failed'", job.jobUuid()))
                .isEqualTo(1);
    }
}
