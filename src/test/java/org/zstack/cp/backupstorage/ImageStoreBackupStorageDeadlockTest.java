package org.zstack.cp.backupstorage;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.capacity;

/**
 * An update that PostgreSQL picks as the victim of a deadlock is run again and succeeds: the client sees 200, not
 * the deadlock. The other side of the deadlock is this test, which takes the two rows in the opposite order.
 */
@QuarkusTest
class ImageStoreBackupStorageDeadlockTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

    @Test
    void anUpdateThatLosesADeadlockIsRetriedAndSucceeds() throws Exception {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 500)));
        String bs = Fixtures.addBackupStorage(AGENT);
        Pool pool = Arc.container().instance(Pool.class).get();
        SqlConnection other = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = other.begin().await().indefinitely();
            // The service's transaction is the one whose deadlock check runs first (after the default 1 s).
            other.query("SET LOCAL deadlock_timeout = '20s'").execute().await().indefinitely();
            other.preparedQuery("SELECT uuid FROM image_store_backup_storage WHERE uuid = $1 FOR UPDATE")
                    .execute(Tuple.of(bs)).await().indefinitely();

            CompletableFuture<HttpResponse<String>> update = new Http().put(
                    "/zstack/v1/backup-storage/image-store/" + bs + "/actions",
                    "{\"updateImageStoreBackupStorage\": {\"sshPort\": 2222, \"username\": \"admin\"}}");
            Db.awaitLockWaiters(1);
            other.preparedQuery("SELECT uuid FROM backup_storage WHERE uuid = $1 FOR UPDATE")
                    .execute(Tuple.of(bs)).await().atMost(Duration.ofSeconds(15));
            tx.rollback().await().indefinitely();

            HttpResponse<String> answer = update.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        } finally {
            other.close().await().indefinitely();
        }
        assertThat(Db.rows("SELECT ssh_port, username FROM image_store_backup_storage WHERE uuid = $1", bs).get(0)
                .toJson().encode()).isEqualTo("{\"ssh_port\":2222,\"username\":\"admin\"}");
    }
}
