package org.zstack.cp.iam2;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The old password is checked before the row is locked: hashing never runs inside a transaction. */
@QuarkusTest
class Iam2OldPasswordCheckTest {

    @Test
    void aWrongOldPasswordIsAnsweredWhileAnotherTransactionHoldsTheRow() throws Exception {
        String uuid = Fixtures.addVirtualId("vid-", Api.sha512("the-real-one"));
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
