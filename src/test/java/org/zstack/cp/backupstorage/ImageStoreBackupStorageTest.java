package org.zstack.cp.backupstorage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Secrets;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.capacity;
import static org.zstack.cp.support.AgentReplies.failure;
import static org.zstack.cp.support.ZStackDates.zstackDate;

@QuarkusTest
class ImageStoreBackupStorageTest {
    static final String SSH_PASSWORD = "bs-ssh-secret-5e7a";
    static final String NEW_SSH_PASSWORD = "bs-ssh-secret-new-0c4d";
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();
    private String bs;

    @BeforeEach
    void addBackupStorage() {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1073741824L, 968884224L)));
        bs = add(Fixtures.loopbackIp()).then().statusCode(200).extract().path("inventory.uuid");
    }

    private static Fixtures.BackupStorage at(String hostname, int agentPort) {
        return new Fixtures.BackupStorage(hostname, agentPort).withUrl("/data/zstack_bs").withPassword(SSH_PASSWORD)
                .withZones(List.of(Fixtures.ZONE));
    }

    private static Response add(String hostname) {
        return at(hostname, AGENT.port()).add();
    }

    private ValidatableResponse act(String body) {
        return Api.as().body(body).put("/zstack/v1/backup-storage/image-store/" + bs + "/actions").then();
    }

    private String inventory() {
        return Api.as().get("/zstack/v1/backup-storage/image-store/" + bs).then().statusCode(200)
                .body("inventories", hasSize(1)).extract().asString();
    }

    private String rows() {
        return Db.rows("SELECT b::text || i::text || c::text FROM backup_storage b "
                + "JOIN image_store_backup_storage i USING (uuid) "
                + "JOIN backup_storage_capacity c ON c.backup_storage_uuid = b.uuid WHERE b.uuid = $1", bs)
                .get(0).getString(0);
    }

    @Test
    void addReadsTheCapacityFromTheAgent() throws Exception {
        String hostname = Fixtures.loopbackIp();
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(2000, 1500)));
        String uuid = add(hostname).then().statusCode(200)
                .body("inventory.totalCapacity", equalTo(2000))
                .body("inventory.availableCapacity", equalTo(1500))
                .body("inventory.status", equalTo("Connected"))
                .body("inventory.state", equalTo("Enabled"))
                .body("inventory.type", equalTo("ImageStoreBackupStorage"))
                .body("inventory.hostname", equalTo(hostname))
                .body("inventory.sshPort", equalTo(22))
                .body("inventory.attachedZoneUuids", contains(Fixtures.ZONE))
                .extract().path("inventory.uuid");
        List<String> connects = AGENT.bodies(IMAGE_STORE_CONNECT);
        JsonNode sent = new ObjectMapper().readTree(connects.get(connects.size() - 1));
        assertThat(sent).isEqualTo(new ObjectMapper().readTree(
                "{\"uuid\": \"" + uuid + "\", \"url\": \"/data/zstack_bs\"}"));
    }

    @Test
    void aFailedConnectStoresNothing() {
        long before = Db.count("SELECT count(*) FROM backup_storage");
        String hostname = Fixtures.loopbackIp();
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(failure("disk not mounted")));
        add(hostname).then().statusCode(503).body("error.code", equalTo("SYS.1006"))
                .body("error.details", containsString("disk not mounted"));
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(10, 20)));
        add(hostname).then().statusCode(503).body("error.code", equalTo("SYS.1006"));
        at(hostname, FakeAgent.closedPort()).add().then().statusCode(503).body("error.code", equalTo("SYS.1006"));
        assertThat(Db.count("SELECT count(*) FROM backup_storage")).isEqualTo(before);
        Api.as().queryParam("q", "hostname=" + hostname).get("/zstack/v1/backup-storage/image-store")
                .then().body("inventories", hasSize(0));
    }

    @Test
    void theDocumentedCurlBodyUpdatesEveryField() {
        String hostname = "bs-" + bs.substring(0, 8) + ".example.com";
        String before = Db.rows("SELECT password_encrypted FROM image_store_backup_storage WHERE uuid = $1", bs)
                .get(0).getString(0);
        act("{\"updateimagestorebackupstorage\":{\"username\":\"admin2\",\"password\":\"" + NEW_SSH_PASSWORD
                + "\",\"hostname\":\"" + hostname + "\",\"sshPort\":1,\"name\":\"New Name\","
                + "\"description\":\"Public Backup Storage\",\"systemTags\":[\"documented::backupStorage\"],"
                + "\"userTags\":[\"owner::docs\"]}}")
                .statusCode(200)
                .body("inventory.uuid", equalTo(bs))
                .body("inventory.name", equalTo("New Name"))
                .body("inventory.description", equalTo("Public Backup Storage"))
                .body("inventory.hostname", equalTo(hostname))
                .body("inventory.username", equalTo("admin2"))
                .body("inventory.sshPort", equalTo(1))
                .body("inventory.url", equalTo("/data/zstack_bs"))
                .body("inventory.totalCapacity", equalTo(1073741824))
                .body("inventory.availableCapacity", equalTo(968884224))
                .body("inventory.type", equalTo("ImageStoreBackupStorage"))
                .body("inventory.state", equalTo("Enabled"))
                .body("inventory.status", equalTo("Connected"))
                .body("inventory.createDate", zstackDate())
                .body("inventory.lastOpDate", zstackDate())
                .body("inventory.attachedZoneUuids", contains(Fixtures.ZONE))
                .body("inventory", not(org.hamcrest.Matchers.hasKey("password")));
        String after = Db.rows("SELECT password_encrypted FROM image_store_backup_storage WHERE uuid = $1", bs)
                .get(0).getString(0);
        assertThat(after).isNotEqualTo(before).doesNotContain(NEW_SSH_PASSWORD);
        Api.as().queryParam("q", "resourceUuid=" + bs).get("/zstack/v1/user-tags")
                .then().body("inventories.tag", contains("owner::docs"));
        Api.as().queryParam("q", "resourceUuid=" + bs).get("/zstack/v1/system-tags")
                .then().body("inventories.tag", contains("documented::backupStorage"));
    }

    @Test
    void onlyTheGivenFieldsChangeAndLastOpDateMoves() {
        Db.update("UPDATE backup_storage SET last_op_date = last_op_date - interval '1 day' WHERE uuid = $1", bs);
        String old = Api.as().get("/zstack/v1/backup-storage/image-store/" + bs).then()
                .extract().path("inventories[0].lastOpDate");
        act("{\"updateImageStoreBackupStorage\": {\"description\": \"only this\"}}").statusCode(200)
                .body("inventory.description", equalTo("only this"))
                .body("inventory.name", equalTo("bs-" + Api.as().get("/zstack/v1/backup-storage/image-store/" + bs)
                        .then().extract().path("inventories[0].hostname")))
                .body("inventory.sshPort", equalTo(22))
                .body("inventory.username", equalTo("root"))
                .body("inventory.lastOpDate", not(equalTo(old)));
    }

    @Test
    void eachRuleIsRejectedAndTheRowIsUnchanged() {
        String other = Fixtures.loopbackIp();
        add(other).then().statusCode(200);
        String inventory = inventory();
        String rows = rows();
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"name\": \"   \"}", 503);
        cases.put("{\"name\": \"" + "n".repeat(256) + "\"}", 503);
        cases.put("{\"description\": \"" + "d".repeat(2049) + "\"}", 503);
        cases.put("{\"username\": \"" + "u".repeat(256) + "\"}", 503);
        cases.put("{\"password\": \"" + "p".repeat(256) + "\"}", 503);
        cases.put("{\"hostname\": \"" + "h".repeat(256) + "\"}", 503);
        cases.put("{\"hostname\": \"not_a host!\"}", 503);
        cases.put("{\"hostname\": \"-leading-dash.example.com\"}", 503);
        cases.put("{\"hostname\": \"300.1.1.1\"}", 503);
        cases.put("{\"sshPort\": 0}", 503);
        cases.put("{\"sshPort\": 65536}", 503);
        cases.put("{\"sshPort\": \"22\"}", 400);
        cases.put("{\"sshPort\": 22.5}", 400);
        cases.put("{\"sshPort\": 99999999999}", 400);
        cases.put("{\"name\": \"ok\", \"hostname\": \"" + other + "\"}", 503);
        cases.forEach((params, status) -> act("{\"updateImageStoreBackupStorage\": " + params + "}")
                .statusCode(status).body("error.code", equalTo("SYS.1007")));
        act("{\"updateImageStoreBackupStorage\": {\"hostname\": \"" + other + "\"}}")
                .body("error.details", containsString(other));
        assertThat(inventory()).isEqualTo(inventory);
        assertThat(rows()).isEqualTo(rows);
    }

    @Test
    void anUnknownUuidGetsSys1003() {
        bs = "0123456789abcdef0123456789abcdef";
        act("{\"updateImageStoreBackupStorage\": {\"name\": \"x\"}}")
                .statusCode(503).body("error.code", equalTo("SYS.1003"));
        act("{\"reconnectImageStoreBackupStorage\": {}}")
                .statusCode(503).body("error.code", equalTo("SYS.1003"));
    }

    @Test
    void reconnectRefreshesTheCapacityAndTheStatusTogether() {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(5000, 4000)));
        act("{\"reconnectImageStoreBackupStorage\": {}}").statusCode(200)
                .body("inventory.totalCapacity", equalTo(5000))
                .body("inventory.availableCapacity", equalTo(4000))
                .body("inventory.status", equalTo("Connected"));

        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(failure("agent down")));
        act("{\"reconnectImageStoreBackupStorage\": {}}").statusCode(503)
                .body("error.code", equalTo("SYS.1006"))
                .body("error.details", containsString("agent down"));
        Api.as().get("/zstack/v1/backup-storage/image-store/" + bs).then()
                .body("inventories[0].status", equalTo("Disconnected"))
                .body("inventories[0].totalCapacity", equalTo(5000))
                .body("inventories[0].availableCapacity", equalTo(4000));

        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(6000, 100)));
        act("{\"reconnectimagestorebackupstorage\": {}}").statusCode(200)
                .body("inventory.status", equalTo("Connected"))
                .body("inventory.totalCapacity", equalTo(6000));
        assertThat(Db.count("SELECT version FROM backup_storage_capacity WHERE backup_storage_uuid = $1", bs))
                .isEqualTo(2);
    }

    @Test
    void queryAndDelete() {
        String hostname = Api.as().get("/zstack/v1/backup-storage/image-store/" + bs).then()
                .extract().path("inventories[0].hostname");
        Api.as().queryParam("q", "hostname=" + hostname).queryParam("q", "sshPort=22")
                .queryParam("q", "status=Connected").get("/zstack/v1/backup-storage/image-store")
                .then().statusCode(200).body("inventories.uuid", contains(bs));
        Api.as().delete("/zstack/v1/backup-storage/" + bs).then().statusCode(200).body("$", anEmptyMap());
        Api.as().get("/zstack/v1/backup-storage/image-store/" + bs).then().body("inventories", hasSize(0));
        assertThat(Db.count("SELECT count(*) FROM backup_storage_capacity WHERE backup_storage_uuid = $1", bs))
                .isZero();
        Api.as().delete("/zstack/v1/backup-storage/" + bs).then().statusCode(200);
    }

    @Test
    void theSshPasswordIsInNoAnswerNoLogAndNoTable() throws Exception {
        List<String> answers = new java.util.ArrayList<>();
        answers.add(act("{\"updateImageStoreBackupStorage\": {\"password\": \"" + NEW_SSH_PASSWORD + "\"}}")
                .statusCode(200).extract().asString());
        answers.add(inventory());
        answers.add(add(Fixtures.loopbackIp()).asString());
        Secrets.assertNowhere(answers, List.of(SSH_PASSWORD, NEW_SSH_PASSWORD));
        assertThat(answers).noneMatch(a -> a.contains("password"));
    }
}
