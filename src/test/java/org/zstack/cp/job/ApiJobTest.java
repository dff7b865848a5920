package org.zstack.cp.job;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.RunningVmOnFakeAgent;
import org.zstack.cp.support.SdkClient;
import org.zstack.cp.support.SdkClient.Result;
import org.zstack.cp.support.Poll;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.zstack.cp.support.AgentReplies.GUEST_TOOLS;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.SUCCESS;
import static org.zstack.cp.support.AgentReplies.capacity;
import static org.zstack.cp.support.AgentReplies.guestToolsRunning;

/** ZStack's API-job protocol, seen by a client that follows the Java SDK's algorithm. */
@QuarkusTest
class ApiJobTest extends RunningVmOnFakeAgent {
    private final SdkClient sdk = SdkClient.admin();

    @Test
    void everyAsyncApiAnswersItsResultThroughThePoll() {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS));
        AGENT.answer(GUEST_TOOLS, Answer.ok(guestToolsRunning(vm, "4.7.0")));
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 600)));

        Result password = sdk.put("/zstack/v1/vm-instances/" + vm + "/actions",
                Map.of("changeVmPassword", Map.of("account", "root", "password", "Sdk-way-pw-1")));
        assertThat(password.ok()).as("%s", password.error()).isTrue();
        assertThat(password.firstStatus()).isEqualTo(202);
        assertThat(password.body().getMap("$")).isEmpty();

        Result guestTools = sdk.put("/zstack/v1/vm-instances/" + vm + "/guesttools-state", Map.of());
        assertThat(guestTools.firstStatus()).as("UpdateGuestToolsState is synchronous in ZStack").isEqualTo(200);
        assertThat(guestTools.body().getString("inventory.qgaState")).isEqualTo("Running");

        Result stopped = sdk.put("/zstack/v1/vm-instances/" + vm + "/actions", Map.of("stopVmInstance", Map.of()));
        assertThat(stopped.body().getString("inventory.state")).isEqualTo("Stopped");
        Result started = sdk.put("/zstack/v1/vm-instances/" + vm + "/actions", Map.of("startVmInstance", Map.of()));
        assertThat(started.body().getString("inventory.state")).isEqualTo("Running");

        String stoppedVm = ok(sdk.post("/zstack/v1/vm-instances", Fixtures.vmBody("sdk-vm", host, "CreateStopped")))
                .getString("inventory.uuid");
        String kp1 = ok(sdk.post("/zstack/v1/key-providers", Fixtures.keyProviderBody("sdk-kp-1")))
                .getString("inventory.uuid");
        String kp2 = ok(sdk.post("/zstack/v1/key-providers", Fixtures.keyProviderBody("sdk-kp-2")))
                .getString("inventory.uuid");
        String tpm = ok(sdk.post("/zstack/v1/tpms", Fixtures.tpmBody(stoppedVm, kp1))).getString("inventory.uuid");
        assertThat(ok(sdk.put("/zstack/v1/tpms", Map.of("updateTpm", Map.of("tpmUuid", tpm,
                "keyProviderUuid", kp2)))).getString("inventory.keyProviderUuid")).isEqualTo(kp2);

        String name = Fixtures.uniqueName("sdk-vid-");
        io.restassured.path.json.JsonPath created = ok(sdk.post("/zstack/v1/iam2/virtual-ids", Fixtures.virtualIdBody(
                name, Api.sha512("sdk-vid-secret"), Map.of("attributes", List.of(Map.of("name", "a", "value", "b"))))));
        assertThat(created.getMap("schema")).containsEntry("inventory", "org.zstack.iam2.entity.IAM2VirtualIDInventory")
                .containsEntry("inventory.attributes[0]", "org.zstack.iam2.entity.IAM2VirtualIDAttributeInventory");
        String virtualId = created.getString("inventory.uuid");
        assertThat(ok(sdk.put("/zstack/v1/iam2/virtual-ids/" + virtualId + "/actions",
                Map.of("updateIAM2VirtualID", Map.of("name", name + "-renamed"))))
                .getString("inventory.name")).isEqualTo(name + "-renamed");
        assertThat(ok(sdk.put("/zstack/v1/iam2/virtual-ids/" + virtualId + "/actions",
                Map.of("changeIAM2VirtualIDState", Map.of("stateEvent", "disable"))))
                .getString("inventory.state")).isEqualTo("Disabled");

        String hostname = Fixtures.loopbackIp();
        String bs = ok(sdk.post("/zstack/v1/backup-storage/image-store", new Fixtures.BackupStorage(hostname,
                AGENT.port()).withPassword("Bs-ssh-pw-1").body())).getString("inventory.uuid");
        io.restassured.path.json.JsonPath updated = ok(sdk.put("/zstack/v1/backup-storage/image-store/" + bs
                + "/actions", Map.of("updateImageStoreBackupStorage", Map.of("sshPort", 2222))));
        assertThat(updated.getInt("inventory.sshPort")).isEqualTo(2222);
        assertThat(updated.getMap("schema")).as("the SDK reads the subclass from the schema")
                .isEqualTo(Map.of("inventory", "org.zstack.storage.backup.imagestore.ImageStoreBackupStorageInventory"));
        assertThat(ok(sdk.put("/zstack/v1/backup-storage/image-store/" + bs + "/actions",
                Map.of("reconnectImageStoreBackupStorage", Map.of())))
                .getLong("inventory.availableCapacity")).isEqualTo(600);

        for (String deletion : List.of("/zstack/v1/tpms/" + tpm, "/zstack/v1/key-providers/" + kp1,
                "/zstack/v1/key-providers/" + kp2, "/zstack/v1/iam2/virtual-ids/" + virtualId,
                "/zstack/v1/backup-storage/" + bs, "/zstack/v1/vm-instances/" + stoppedVm,
                "/zstack/v1/vm-instances/" + vm, "/zstack/v1/hosts/" + host)) {
            Result deleted = sdk.delete(deletion);
            assertThat(deleted.ok()).as(deletion + ": %s", deleted.error()).isTrue();
            assertThat(deleted.firstStatus()).as(deletion).isEqualTo(202);
        }
        assertThat(Db.count("SELECT count(*) FROM host WHERE uuid = $1", host)).isZero();
    }

    @Test
    void everyErrorReachesTheSdkWithItsOwnCode() {
        AGENT.answer(CHANGE_PASSWORD, Answer.raised("Traceback: the guest refused"));
        assertThat(sdk.put("/zstack/v1/vm-instances/" + vm + "/actions",
                Map.of("changeVmPassword", Map.of("account", "root", "password", "Sdk-way-pw-2"))).errorCode())
                .isEqualTo("SYS.1006");
        assertThat(sdk.put("/zstack/v1/vm-instances/" + UUID.randomUUID().toString().replace("-", "")
                + "/actions", Map.of("startVmInstance", Map.of())).errorCode()).isEqualTo("SYS.1003");
        assertThat(sdk.put("/zstack/v1/vm-instances/" + vm + "/actions", Map.of("rebootVmInstance", Map.of()))
                .errorCode()).isEqualTo("SYS.1007");

        String kp = ok(sdk.post("/zstack/v1/key-providers", Fixtures.keyProviderBody("sdk-kp-3")))
                .getString("inventory.uuid");
        String otherKp = ok(sdk.post("/zstack/v1/key-providers", Fixtures.keyProviderBody("sdk-kp-4")))
                .getString("inventory.uuid");
        String stoppedVm = Fixtures.createVm(host, "CreateStopped");
        String tpm = ok(sdk.post("/zstack/v1/tpms", Fixtures.tpmBody(stoppedVm, kp))).getString("inventory.uuid");
        ok(sdk.put("/zstack/v1/vm-instances/" + stoppedVm + "/actions", Map.of("startVmInstance", Map.of())));
        Result wrongState = sdk.put("/zstack/v1/tpms", Map.of("updateTpm", Map.of("tpmUuid", tpm,
                "keyProviderUuid", otherKp)));
        assertThat(wrongState.errorCode()).isEqualTo("TPM.1703");
        assertThat(wrongState.opaque()).isEqualTo(Map.of("support.vm.state", List.of("Stopped")));
        Result stopped = sdk.put("/zstack/v1/vm-instances/" + stoppedVm + "/actions",
                Map.of("stopVmInstance", Map.of()));
        assertThat(stopped.ok()).isTrue();
        assertThat(sdk.put("/zstack/v1/vm-instances/" + stoppedVm + "/actions",
                Map.of("changeVmPassword", Map.of("account", "root", "password", "Sdk-way-pw-3"))).errorCode())
                .isEqualTo("VM.1010");
        assertThat(Db.count("SELECT count(*) FROM tpm WHERE uuid = $1 AND key_provider_uuid = $2", tpm, kp))
                .isEqualTo(1);
    }

    @Test
    void anInvalidSessionIsAnsweredThroughThePollAndWritesNothing() {
        String unknownSession = SdkClient.newJobUuid();
        String jobUuid = SdkClient.newJobUuid();
        Result result = SdkClient.of(null, unknownSession).call("PUT", "/zstack/v1/vm-instances/" + vm + "/actions",
                Map.of("stopVmInstance", Map.of()), jobUuid);
        assertThat(result.firstStatus()).isEqualTo(202);
        assertThat(result.errorCode()).isEqualTo("ID.1001");
        assertThat(Db.count("SELECT count(*) FROM api_job WHERE uuid = $1", jobUuid)).isZero();
        assertThat(Db.rows("SELECT state FROM vm_instance WHERE uuid = $1", vm).get(0).getString(0))
                .isEqualTo("Running");
    }

    @Test
    void aRepeatedJobUuidIsTheSameJobAndAnotherRequestIsRefused() {
        String jobUuid = SdkClient.newJobUuid();
        String name = "once-" + jobUuid.substring(0, 8);
        Map<String, Object> body = Fixtures.keyProviderBody(name);
        String first = submit(jobUuid, body).then().statusCode(202).extract().path("location");
        String second = submit(jobUuid, body).then().statusCode(202).extract().path("location");
        assertThat(second).isEqualTo(first).endsWith("/zstack/v1/api-jobs/" + jobUuid);
        assertThat(sdk.poll(first, jobUuid).body().getString("inventory.name")).isEqualTo(name);
        submit(jobUuid, body).then().statusCode(202).body("location", equalTo(first));
        assertThat(Db.count("SELECT count(*) FROM key_provider WHERE name = $1", name)).isEqualTo(1);

        submit(jobUuid, Fixtures.keyProviderBody(name + "-other")).then().statusCode(400)
                .body("error.code", equalTo("SYS.1007")).body("error.details", containsString("Duplicate job uuid"));
        submit("not-a-job-uuid", body).then().statusCode(400).body("error.code", equalTo("SYS.1007"));
        Api.as().header("X-Job-UUID", SdkClient.newJobUuid()).header("X-API-Timeout", "soon").body(body)
                .post("/zstack/v1/key-providers").then().statusCode(400).body("error.code", equalTo("SYS.1007"));
        assertThat(Db.count("SELECT count(*) FROM key_provider WHERE name LIKE $1", name + "%")).isEqualTo(1);
    }

    @Test
    void onlyTheSubmittingAccountSeesItsJobAndAFinishedJobExpires() throws InterruptedException {
        String jobUuid = SdkClient.newJobUuid();
        String location = submit(jobUuid, Fixtures.keyProviderBody("mine-" + jobUuid.substring(0, 8)))
                .then().statusCode(202).extract().path("location");
        assertThat(sdk.poll(location, jobUuid).ok()).isTrue();

        String otherSession = otherAccountSession();
        RestAssured.given().header("Authorization", "OAuth " + otherSession).get(location)
                .then().statusCode(404).body("error.code", equalTo("SYS.1003"));
        RestAssured.given().header("Authorization", "OAuth " + Api.sessionUuid())
                .get("/zstack/v1/api-jobs/" + SdkClient.newJobUuid()).then().statusCode(404);

        Db.update("UPDATE api_job SET finished_at = now() - interval '4 hours' WHERE uuid = $1", jobUuid);
        RestAssured.given().header("Authorization", "OAuth " + Api.sessionUuid()).get(location)
                .then().statusCode(404).body("error.code", equalTo("SYS.1003"));
        Poll.until(Duration.ofSeconds(30), "the cleanup deletes the expired job",
                () -> Db.count("SELECT count(*) FROM api_job WHERE uuid = $1", jobUuid) == 0);
    }

    @Test
    void aJobPastItsDeadlineFailsWithSys1001AndChangesNothing() {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 600)));
        String bs = ok(sdk.post("/zstack/v1/backup-storage/image-store", new Fixtures.BackupStorage(
                Fixtures.loopbackIp(), AGENT.port()).withPassword("Bs-ssh-pw-2").body())).getString("inventory.uuid");
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(9, 9))
                .delayedBy(4000));
        String jobUuid = SdkClient.newJobUuid();
        String location = Api.as().header("X-Job-UUID", jobUuid).header("X-API-Timeout", "1")
                .body(Map.of("reconnectImageStoreBackupStorage", Map.of()))
                .put("/zstack/v1/backup-storage/image-store/" + bs + "/actions")
                .then().statusCode(202).extract().path("location");
        Result result = sdk.poll(location, jobUuid);
        assertThat(result.errorCode()).isEqualTo("SYS.1001");
        assertThat(Db.rows("SELECT available_capacity FROM backup_storage_capacity WHERE backup_storage_uuid = $1",
                bs).get(0).getLong(0)).isEqualTo(600);
        assertThat(Db.rows("SELECT state FROM api_job WHERE uuid = $1", jobUuid).get(0).getString(0))
                .isEqualTo("Failed");
    }

    @Test
    void aPollWaitsForTheJobSoThatACallCostsAboutTwoRoundTrips() {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS).delayedBy(500));
        Result result = sdk.put("/zstack/v1/vm-instances/" + vm + "/actions",
                Map.of("changeVmPassword", Map.of("account", "root", "password", "Sdk-way-pw-4")));
        assertThat(result.ok()).isTrue();
        assertThat(result.polls()).isEqualTo(1);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("zstack_api_jobs_submitted_total"))
                .body(containsString("zstack_api_jobs_finished_total"))
                .body(containsString("zstack_api_jobs_poll_waits_seconds"));
    }

    private static io.restassured.path.json.JsonPath ok(Result result) {
        assertThat(result.ok()).as("%s", result.error()).isTrue();
        assertThat(result.firstStatus()).isEqualTo(202);
        return result.body();
    }

    private static io.restassured.response.Response submit(String jobUuid, Map<String, Object> body) {
        return Api.as().header("X-Job-UUID", jobUuid).body(body).post("/zstack/v1/key-providers");
    }

    /** A session of a second account, written straight into the database (the service creates no accounts). */
    private static String otherAccountSession() {
        String account = SdkClient.newJobUuid();
        String session = SdkClient.newJobUuid();
        Db.update("INSERT INTO account (uuid, name, password_hash, type, create_date, last_op_date) "
                + "VALUES ($1, $2, 'not-a-hash', 'Normal', now(), now())", account, "other-" + account);
        Db.update("INSERT INTO session (uuid, account_uuid, user_uuid, user_type, expired_date, create_date, "
                + "last_op_date) VALUES ($1, $2, $2, 'AccountVO', now() + interval '1 hour', now(), now())",
                session, account);
        return session;
    }
}
