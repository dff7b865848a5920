package org.zstack.cp.iam2;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The old password is checked before the row is locked: hashing never runs inside a transaction. */
@QuarkusTest
class Iam2OldPasswordCheckTest {

    @Test
    void aWrongOldPasswordIsAnsweredWhileAnotherTransactionHoldsTheRow() throws Exception {
        String uuid = Api.as().body(Map.of("params", Map.of("name", "vid-" + UUID.randomUUID().toString().substring(0, 8),
                        "password", Api.sha512("the-real-one"))))
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200).extract().path("inventory.uuid");
        String body = "{\"updateIAM2VirtualID\": {\"description\": \"x\", \"oldPassword\": \""
                + Api.sha512("not-the-real-one") + "\"}}";

        Response answer;
        try (AutoCloseable lock = Db.lock("SELECT 1 FROM iam2_virtual_id WHERE uuid = $1 FOR UPDATE", uuid)) {
            CompletableFuture<Response> call = CompletableFuture.supplyAsync(() ->
                    Api.as().body(body).put("/zstack/v1/iam2/virtual-ids/" + uuid + "/actions"));
            answer = call.get(20, TimeUnit.SECONDS);
        }
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.<String>path("error.code")).isEqualTo("SYS.1006");
        assertThat(Db.rows("SELECT description FROM iam2_virtual_id WHERE uuid = $1", uuid).get(0).getString(0))
                .isNull();
    }
}
