package org.zstack.cp.iam2;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.ServiceLog;
import org.zstack.cp.support.Secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.zstack.cp.support.ZStackDates.zstackDate;

@QuarkusTest
class Iam2VirtualIdTest {
    private static final String FIRST_PASSWORD = Api.sha512("first-iam2-secret");
    private static final String SECOND_PASSWORD = Api.sha512("second-iam2-secret");
    private final List<String> answers = new ArrayList<>();
    private String name;
    private String uuid;

    @BeforeEach
    void create() {
        name = Fixtures.uniqueName("vid-");
        uuid = Api.as().body(Fixtures.virtualIdBody(name, FIRST_PASSWORD, Map.of("description", "first",
                        "attributes", List.of(Map.of("name", "attribute-name", "value", "attribute-value")))))
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200)
                .body("inventory.type", equalTo("ZStack"))
                .body("inventory.state", equalTo("Enabled"))
                .body("inventory.attributes", hasSize(1))
                .body("inventory.attributes[0].type", equalTo("Customized"))
                .body("inventory.attributes[0].name", equalTo("attribute-name"))
                .body("inventory.attributes[0].value", equalTo("attribute-value"))
                .extract().path("inventory.uuid");
    }

    private ValidatableResponse act(String body) {
        ValidatableResponse r = Api.as().body(body).put("/zstack/v1/iam2/virtual-ids/" + uuid + "/actions").then();
        answers.add(r.extract().asString());
        return r;
    }

    private String row() {
        return Db.rows("SELECT v::text FROM iam2_virtual_id v WHERE uuid = $1", uuid).get(0).getString(0);
    }

    private String storedHash() {
        return Db.rows("SELECT password_hash FROM iam2_virtual_id WHERE uuid = $1", uuid).get(0).getString(0);
    }

    @Test
    void theDocumentedCurlBodySucceeds() {
        String newName = "new-name-" + uuid.substring(0, 6);
        act("{\"updateIAM2VirtualID\":{\"name\":\"" + newName + "\",\"description\":\"new-desc\","
                + "\"password\":\"new-password\"}}")
                .statusCode(200)
                .body("inventory.uuid", equalTo(uuid))
                .body("inventory.name", equalTo(newName))
                .body("inventory.description", equalTo("new-desc"))
                .body("inventory.state", equalTo("Enabled"))
                .body("inventory.type", equalTo("ZStack"))
                .body("inventory.createDate", zstackDate())
                .body("inventory.lastOpDate", zstackDate())
                .body("inventory.attributes[0].uuid", matchesPattern("[0-9a-f]{32}"))
                .body("inventory.attributes[0].virtualIDUuid", equalTo(uuid))
                .body("inventory.attributes[0].createDate", zstackDate());
        act("{\"updateiam2virtualid\": {\"oldPassword\": \"new-password\", \"description\": \"lowercase key\"}}")
                .statusCode(200).body("inventory.description", equalTo("lowercase key"));
    }

    @Test
    void eachRuleIsRejectedAndTheRowIsUnchanged() {
        String other = "other-" + uuid.substring(0, 8);
        Api.as().body(Fixtures.virtualIdBody(other, FIRST_PASSWORD, Map.of()))
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200);
        String before = row();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"name\": \"  \"}", "SYS.1007");
        cases.put("{\"name\": \"" + "n".repeat(256) + "\"}", "SYS.1007");
        cases.put("{\"name\": \"" + other + "\"}", "SYS.1007");
        cases.put("{\"description\": \"" + "d".repeat(2049) + "\"}", "SYS.1007");
        cases.put("{\"password\": \"\"}", "SYS.1007");
        cases.put("{\"password\": \"" + "p".repeat(2049) + "\"}", "SYS.1007");
        cases.put("{\"name\": \"fine\", \"password\": \"" + SECOND_PASSWORD + "\", \"oldPassword\": \"wrong\"}",
                "SYS.1006");
        cases.forEach((params, code) -> act("{\"updateIAM2VirtualID\": " + params + "}")
                .statusCode(503).body("error.code", equalTo(code)));
        act("{\"updateIAM2VirtualID\": {\"name\": \"" + other + "\"}}").body("error.details", containsString(other));
        act("{\"updateIAM2VirtualID\": {\"name\": 12}}").statusCode(400).body("error.code", equalTo("SYS.1007"));
        assertThat(row()).isEqualTo(before);

        uuid = "0123456789abcdef0123456789abcdef";
        act("{\"updateIAM2VirtualID\": {\"name\": \"x\"}}").statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void theRightOldPasswordChangesThePasswordAndOnlyTheNewOneVerifies() {
        String hashBefore = storedHash();
        act("{\"updateIAM2VirtualID\": {\"password\": \"" + SECOND_PASSWORD + "\", \"oldPassword\": \""
                + FIRST_PASSWORD + "\"}}").statusCode(200);
        assertThat(storedHash()).isNotEqualTo(hashBefore);

        act("{\"updateIAM2VirtualID\": {\"description\": \"x\", \"oldPassword\": \"" + FIRST_PASSWORD + "\"}}")
                .statusCode(503).body("error.code", equalTo("SYS.1006"));
        act("{\"updateIAM2VirtualID\": {\"description\": \"y\", \"oldPassword\": \"" + SECOND_PASSWORD + "\"}}")
                .statusCode(200).body("inventory.description", equalTo("y"));
    }

    @Test
    void theStoredHashIsSlowAndSaltedAndNoPasswordOrHashIsShown() throws Exception {
        act("{\"updateIAM2VirtualID\": {\"password\": \"" + SECOND_PASSWORD + "\"}}").statusCode(200);
        answers.add(Api.as().get("/zstack/v1/iam2/virtual-ids/" + uuid).then().extract().asString());
        answers.add(Api.as().queryParam("q", "name=" + name).get("/zstack/v1/iam2/virtual-ids").then().extract()
                .asString());
        String hash = storedHash();
        assertThat(hash).startsWith("$argon2id$").isNotEqualTo(SECOND_PASSWORD).doesNotContain(SECOND_PASSWORD);
        Secrets.assertNowhere(answers, List.of(FIRST_PASSWORD, SECOND_PASSWORD));
        assertThat(answers).noneMatch(a -> a.contains(hash));
        assertThat(ServiceLog.all()).doesNotContain(hash);
        assertThat(answers).noneMatch(a -> a.contains("assword") || a.contains("argon2"));
    }

    @Test
    void changeStateQueryAndDelete() {
        act("{\"changeIAM2VirtualIDState\": {\"stateEvent\": \"disable\"}}").statusCode(200)
                .body("inventory.state", equalTo("Disabled"));
        act("{\"changeIAM2VirtualIDState\": {\"stateEvent\": \"explode\"}}").statusCode(503)
                .body("error.code", equalTo("SYS.1007"));
        Api.as().queryParam("q", "name=" + name).queryParam("q", "state=Disabled").get("/zstack/v1/iam2/virtual-ids")
                .then().body("inventories.uuid", org.hamcrest.Matchers.contains(uuid));
        Api.as().delete("/zstack/v1/iam2/virtual-ids/" + uuid).then().statusCode(200);
        Api.as().get("/zstack/v1/iam2/virtual-ids/" + uuid).then().body("inventories", hasSize(0));
        assertThat(Db.count("SELECT count(*) FROM iam2_virtual_id_attribute WHERE virtual_id_uuid = $1", uuid)).isZero();
    }
}
