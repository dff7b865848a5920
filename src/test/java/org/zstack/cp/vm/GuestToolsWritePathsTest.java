package org.zstack.cp.vm;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.RunningVmOnFakeAgent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.zstack.cp.support.AgentReplies.GUEST_TOOLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * UpdateGuestToolsState writes one of three ways: one compare-and-set statement (no tags), under the row's lock
 * with the request's tags, or under the lock after another change came first. Each way answers the same inventory
 * (but for the VM and its dates) and leaves the same row; an agent that fails changes nothing, tags included.
 */
@QuarkusTest
class GuestToolsWritePathsTest extends RunningVmOnFakeAgent {
    private static final String STATE_COLUMNS = "qga_state || '/' || zwatch_state || '/' || coalesce(version, '-') "
            + "|| '/' || coalesce(platform, '-') || '/' || coalesce(os_type, '-')";
    private String tagged;

    @BeforeEach
    void aSecondVmOnTheSameHost() {
        tagged = Fixtures.createVm(host, "InstantStart");
        AGENT.answer(GUEST_TOOLS, body -> Answer.ok("{\"success\": true, \"states\": {"
                + state(vm) + ", " + state(tagged) + "}}"));
    }

    private static String state(String uuid) {
        return "\"" + uuid + "\": {\"qgaRunning\": true, \"zsToolsFound\": true, \"version\": \"4.6.11\", "
                + "\"platForm\": \"Kylin\", \"osType\": \"Kylin\"}";
    }

    private static JsonPath update(String uuid, Object body) {
        return Api.as().body(body).put("/zstack/v1/vm-instances/" + uuid + "/guesttools-state")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> withoutVmAndDates(JsonPath answer) {
        Map<String, Object> inventory = new HashMap<>(answer.getMap("inventory"));
        assertThat(inventory.remove("lastOpDate")).isNotNull();
        assertThat(inventory.remove("createDate")).isNotNull();
        assertThat(inventory.remove("vmInstanceUuid")).isNotNull();
        return inventory;
    }

    private static String row(String uuid) {
        return Db.rows("SELECT " + STATE_COLUMNS + " FROM guest_tools_state WHERE vm_instance_uuid = $1", uuid)
                .get(0).getString(0);
    }

    private static String lastOpDate(String uuid) {
        return Db.rows("SELECT last_op_date::text FROM guest_tools_state WHERE vm_instance_uuid = $1", uuid)
                .get(0).getString(0);
    }

    private static long userTags(String uuid) {
        return Db.count("SELECT count(*) FROM user_tag WHERE resource_uuid = $1", uuid);
    }

    @Test
    void thePlainPathAndTheTaggedPathAnswerAndWriteTheSame() {
        String plainBefore = lastOpDate(vm);
        String taggedBefore = lastOpDate(tagged);
        JsonPath plain = update(vm, Map.of());
        JsonPath withTag = update(tagged, Map.of("userTags", List.of("guest-tools-path")));

        assertThat(withoutVmAndDates(withTag)).isEqualTo(withoutVmAndDates(plain))
                .containsEntry("qgaState", "Running").containsEntry("version", "4.6.11");
        assertThat(row(tagged)).isEqualTo(row(vm)).isEqualTo("Running/NotInstalled/4.6.11/Kylin/Kylin");
        assertThat(lastOpDate(vm)).isNotEqualTo(plainBefore);
        assertThat(lastOpDate(tagged)).isNotEqualTo(taggedBefore);
        assertThat(userTags(vm)).isZero();
        assertThat(userTags(tagged)).isEqualTo(1);
    }

    @Test
    void aChangeBetweenTheReadAndTheWriteIsKeptAndTheEventsAppliedOverIt() {
        AGENT.answer(GUEST_TOOLS, body -> {
            Db.update("UPDATE guest_tools_state SET zwatch_state = 'Running' WHERE vm_instance_uuid = $1", vm);
            return Answer.ok("{\"success\": true, \"states\": {" + state(vm) + "}}");
        });
        JsonPath answer = update(vm, Map.of());

        assertThat(answer.getString("inventory.qgaState")).isEqualTo("Running");
        assertThat(answer.getString("inventory.zwatchState")).isEqualTo("Running");
        assertThat(row(vm)).isEqualTo("Running/Running/4.6.11/Kylin/Kylin");
    }

    @Test
    void aFailingAgentChangesNothingOnEitherPath() {
        update(vm, Map.of());
        String before = row(vm) + lastOpDate(vm);
        AGENT.answer(GUEST_TOOLS, Answer.ok("{\"success\": false, \"error\": \"no agent\"}"));

        JsonPath plain = update(vm, Map.of());
        JsonPath withTag = update(vm, Map.of("userTags", List.of("guest-tools-path")));

        assertThat(withTag.getMap("inventory")).isEqualTo(plain.getMap("inventory"));
        assertThat(plain.getString("inventory.qgaState")).isEqualTo("Running");
        assertThat(row(vm) + lastOpDate(vm)).isEqualTo(before);
        assertThat(userTags(vm)).isZero();
    }
}
