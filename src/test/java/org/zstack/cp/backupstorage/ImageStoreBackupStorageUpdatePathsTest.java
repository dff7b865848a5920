package org.zstack.cp.backupstorage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.AgentReplies;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.SdkClient;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.db.WritePaths.advanced;
import static org.zstack.cp.db.WritePaths.inventoryOf;
import static org.zstack.cp.db.WritePaths.lastOpDate;
import static org.zstack.cp.db.WritePaths.rows;
import static org.zstack.cp.db.WritePaths.tagCount;

/** UpdateImageStoreBackupStorage answers the same inventory whichever way it runs; a refused one changes nothing. */
@QuarkusTest
class ImageStoreBackupStorageUpdatePathsTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";
    private static final String ROWS = "SELECT b.*, d.* FROM backup_storage b JOIN image_store_backup_storage d "
            + "USING (uuid) ORDER BY b.uuid";
    private String bs;

    @BeforeEach
    void addBackupStorage() {
        AGENT.answer(AgentReplies.IMAGE_STORE_CONNECT,
                Answer.ok(AgentReplies.capacity(1073741824L, 968884224L)));
        bs = add(Fixtures.loopbackIp());
    }

    private static String add(String hostname) {
        return Api.as().body(Map.of("params", Map.of("name", "paths-" + hostname, "url", "/data/zstack_bs",
                        "hostname", hostname, "username", "root", "password", "paths-ssh-secret",
                        "agentPort", AGENT.port(), "zoneUuids", List.of(Fixtures.ZONE))))
                .post("/zstack/v1/backup-storage/image-store").then().statusCode(200)
                .extract().path("inventory.uuid");
    }

    private static Map<String, Object> body(Map<String, Object> fields, List<String> systemTags,
                                            List<String> userTags) {
        Map<String, Object> body = new HashMap<>(Map.of("updateImageStoreBackupStorage", fields));
        if (!systemTags.isEmpty()) {
            body.put("systemTags", systemTags);
        }
        if (!userTags.isEmpty()) {
            body.put("userTags", userTags);
        }
        return body;
    }

    private String path(String target) {
        return "/zstack/v1/backup-storage/image-store/" + target + "/actions";
    }

    private JsonPath put(Map<String, Object> body) {
        return Api.as().body(body).put(path(bs)).then().statusCode(200).extract().jsonPath();
    }

    private String sealedPassword() {
        return Db.rows("SELECT password_encrypted FROM image_store_backup_storage WHERE uuid = $1", bs)
                .get(0).getString(0);
    }

    @Test
    void everyPathAnswersTheSameInventoryAndMovesLastOpDate() {
        String hostname = Fixtures.loopbackIp();
        Map<String, Object> fields = Map.of("name", "paths-new", "description", "d2", "hostname", hostname,
                "username", "admin", "password", "paths-new-secret", "sshPort", 2222);
        OffsetDateTime before = lastOpDate("backup_storage", bs);
        String sealed = sealedPassword();
        Map<String, Object> plain = inventoryOf(put(body(fields, List.of(), List.of())));
        assertThat(plain).containsEntry("name", "paths-new").containsEntry("description", "d2")
                .containsEntry("hostname", hostname).containsEntry("username", "admin")
                .containsEntry("sshPort", 2222).containsEntry("totalCapacity", 1073741824)
                .containsEntry("attachedZoneUuids", List.of("7c99892d8d5542faae4d1dd7d17be252"));
        assertThat(sealedPassword()).isNotEqualTo(sealed).doesNotContain("paths-new-secret");
        before = advanced("backup_storage", bs, before);

        assertThat(inventoryOf(put(body(fields, List.of(), List.of("paths-tag"))))).isEqualTo(plain);
        assertThat(tagCount(bs)).isEqualTo(1);
        before = advanced("backup_storage", bs, before);

        SdkClient.Result job = SdkClient.admin().put(path(bs), body(fields, List.of(), List.of("paths-job-tag")));
        assertThat(job.ok()).as("%s", job.error()).isTrue();
        assertThat(inventoryOf(job.body())).isEqualTo(plain);
        assertThat(tagCount(bs)).isEqualTo(2);
        advanced("backup_storage", bs, before);

        JsonPath queried = Api.as().get("/zstack/v1/backup-storage/image-store/" + bs).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> fromQuery = new HashMap<>(queried.getMap("inventories[0]"));
        fromQuery.remove("lastOpDate");
        assertThat(fromQuery).isEqualTo(plain);
    }

    @Test
    void validationOnlyAnswersEmptyAndChangesNothing() {
        List<String> before = rows(ROWS);
        assertThat(put(body(Map.of("name", "never", "hostname", Fixtures.loopbackIp(), "password", "never-secret"),
                List.of("validationOnly"), List.of("t"))).getMap("$")).isEmpty();
        assertThat(rows(ROWS)).isEqualTo(before);
        assertThat(tagCount(bs)).isZero();
    }

    @Test
    void eachDocumentedErrorChangesNothing() {
        String other = add(Fixtures.loopbackIp());
        String takenHostname = Db.rows("SELECT hostname FROM image_store_backup_storage WHERE uuid = $1", other)
                .get(0).getString(0);
        refused(UNKNOWN, Map.of("name", "x"), "SYS.1003");
        refused(bs, Map.of("name", "x", "hostname", takenHostname), "SYS.1007");
        refused(bs, Map.of("name", "x", "sshPort", 0), "SYS.1007");
        refused(bs, Map.of("name", ""), "SYS.1007");
    }

    private void refused(String target, Map<String, Object> fields, String code) {
        List<String> before = rows(ROWS);
        String error = Api.as().body(body(fields, List.of(), List.of("refused-tag"))).put(path(target))
                .then().statusCode(503).extract().path("error.code");
        assertThat(error).as("%s", fields).isEqualTo(code);
        assertThat(rows(ROWS)).as("%s", fields).isEqualTo(before);
        assertThat(tagCount(bs)).isZero();
        SdkClient.Result job = SdkClient.admin().put(path(target), body(fields, List.of(), List.of("job-tag")));
        assertThat(job.errorCode()).as("%s as a job", fields).isIn(code, SdkClient.GENERIC_FAILURE);
        assertThat(rows(ROWS)).isEqualTo(before);
        assertThat(tagCount(bs)).isZero();
    }
}
