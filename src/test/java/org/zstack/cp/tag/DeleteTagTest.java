package org.zstack.cp.tag;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.SdkClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** DeleteTag ({@code DELETE /zstack/v1/tags/{uuid}}, ZStack's APIDeleteTagMsg) removes a system or a user tag. */
@QuarkusTest
class DeleteTagTest {

    @Test
    void aSystemTagAndAUserTagAreDeletedAndNoLongerQueried() {
        String vm = taggedVm("ha::NeverStop", "owner::dora");
        String system = tagUuid("system-tags", vm, "ha::NeverStop");
        String user = tagUuid("user-tags", vm, "owner::dora");

        Api.as().delete("/zstack/v1/tags/" + system).then().statusCode(200).body("$", anEmptyMap());
        assertThat(Db.count("SELECT count(*) FROM system_tag WHERE uuid = $1", system)).isZero();
        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/system-tags").then().statusCode(200)
                .body("inventories", hasSize(1)).body("inventories.tag", contains("keep::me"));
        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/user-tags").then()
                .body("inventories", hasSize(2));

        Api.as().queryParam("deleteMode", "Enforcing").delete("/zstack/v1/tags/" + user)
                .then().statusCode(200).body("$", anEmptyMap());
        assertThat(Db.count("SELECT count(*) FROM user_tag WHERE uuid = $1", user)).isZero();
        Api.as().queryParam("q", "uuid=" + user).get("/zstack/v1/user-tags").then().body("inventories", hasSize(0));
        Api.as().queryParam("q", "resourceUuid=" + vm).get("/zstack/v1/system-tags").then()
                .body("inventories.tag", contains("keep::me"));
        Api.as().get("/zstack/v1/vm-instances/" + vm).then().body("inventories", hasSize(1));
    }

    @Test
    void anUnknownTagIsASuccessAsInZStack() {
        String unknown = SdkClient.newJobUuid();
        Api.as().delete("/zstack/v1/tags/" + unknown).then().statusCode(200).body("$", anEmptyMap());
        Api.as().queryParam("deleteMode", "Permissive").delete("/zstack/v1/tags/" + unknown)
                .then().statusCode(200).body("$", anEmptyMap());
    }

    @Test
    void withoutAValidSessionOrWithAMalformedUuidNothingIsDeleted() {
        String vm = taggedVm("ha::NeverStop", "owner::erin");
        String system = tagUuid("system-tags", vm, "ha::NeverStop");

        RestAssured.given().delete("/zstack/v1/tags/" + system)
                .then().statusCode(400).body("error.code", equalTo("ID.1001"));
        RestAssured.given().header("Authorization", "OAuth " + SdkClient.newJobUuid())
                .delete("/zstack/v1/tags/" + system)
                .then().statusCode(503).body("error.code", equalTo("ID.1001"));
        for (String malformed : List.of("not-a-uuid", system.toUpperCase(), system + "0")) {
            Api.as().delete("/zstack/v1/tags/" + malformed)
                    .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        }
        SdkClient.Result noSession = SdkClient.of(null, SdkClient.newJobUuid()).delete("/zstack/v1/tags/" + system);
        assertThat(noSession.firstStatus()).isEqualTo(202);
        assertThat(noSession.errorCode()).isEqualTo("ID.1001");
        assertThat(Db.count("SELECT count(*) FROM system_tag WHERE uuid = $1", system)).isOne();
    }

    @Test
    void theSdkDeletesATagThroughAnApiJob() {
        String vm = taggedVm("ha::NeverStop", "owner::frank");
        String system = tagUuid("system-tags", vm, "ha::NeverStop");
        String user = tagUuid("user-tags", vm, "owner::frank");
        SdkClient sdk = SdkClient.admin();
        for (String tag : List.of(system, user, SdkClient.newJobUuid())) {
            SdkClient.Result deleted = sdk.delete("/zstack/v1/tags/" + tag + "?deleteMode=Permissive");
            assertThat(deleted.ok()).as("%s", deleted.error()).isTrue();
            assertThat(deleted.firstStatus()).isEqualTo(202);
            assertThat(deleted.body().getMap("$")).doesNotContainKey("error");
        }
        assertThat(Db.count("SELECT count(*) FROM system_tag WHERE uuid = $1", system)
                + Db.count("SELECT count(*) FROM user_tag WHERE uuid = $1", user)).isZero();
        assertThat(Db.count("SELECT count(*) FROM system_tag WHERE resource_uuid = $1", vm)).isOne();
    }

    private static String taggedVm(String systemTag, String userTag) {
        String vm = Fixtures.createVm(Fixtures.addHost(), "InstantStart");
        Api.as().body(Map.of("stopVmInstance", Map.of(), "systemTags", List.of(systemTag, "keep::me"),
                        "userTags", List.of(userTag, "keep::me")))
                .put("/zstack/v1/vm-instances/" + vm + "/actions").then().statusCode(200);
        return vm;
    }

    private static String tagUuid(String collection, String resourceUuid, String tag) {
        return Api.as().queryParam("q", "resourceUuid=" + resourceUuid).queryParam("q", "tag=" + tag)
                .get("/zstack/v1/" + collection).then().statusCode(200).body("inventories", hasSize(1))
                .extract().path("inventories[0].uuid");
    }
}
