package org.zstack.cp.db;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Iam2Target;
import org.zstack.cp.support.Postgres;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections reset under requests in flight: requests wait for a row lock held by the test, then their backends are
 * terminated (a real reset, from PostgreSQL's side). They answer 503 SYS.1000, never 500, and the pool recovers.
 */
@QuarkusTest
class DatabaseResetTest {
    private Iam2Target target;

    @BeforeEach
    void create() {
        target = new Iam2Target("reset-");
    }

    private static String code(HttpResponse<String> response) {
        return JsonPath.from(response.body()).getString("error.code");
    }

    @Test
    void connectionsResetUnderRequestsAnswer503Sys1000() throws Exception {
        try (Connection locker = Postgres.connect(); Connection admin = Postgres.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("SELECT * FROM iam2_virtual_id WHERE uuid = '" + target.uuid() + "' FOR UPDATE");
            }
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(target.updateDescription("reset-" + i));
                calls.add(target.updatePassword());
            }
            awaitLockWaiters(admin, calls.size());
            try (Statement kill = admin.createStatement()) {
                kill.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND datname = current_database()");
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                assertThat(code(r)).as(r.body()).isEqualTo("SYS.1000");
            }
            locker.rollback();
        }
        HttpResponse<String> after = target.updateDescription("after-reset").get(30, TimeUnit.SECONDS);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }

    private static void awaitLockWaiters(Connection admin, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            + "AND datname = current_database()")) {
                rs.next();
                if (rs.getInt(1) >= count) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(count + " requests never waited for the row lock");
    }

}
