package org.zstack.cp.session;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Expiry and its sliding, driven by moving the stored dates rather than by waiting. */
@QuarkusTest
class SessionExpiryTest {

    @Test
    void anExpiredSessionGets503Id1001() {
        String session = Api.login();
        Db.update("UPDATE session SET expired_date = now() - interval '1 second' WHERE uuid = $1", session);
        Api.withSession(session).get("/zstack/v1/hosts").then().statusCode(503).body("error.code", equalTo("ID.1001"));
    }

    @Test
    void useWithinAMinuteWritesNothing() {
        String session = Api.login();
        Row before = sessionRow(session);
        Api.withSession(session).get("/zstack/v1/hosts").then().statusCode(200);
        Api.withSession(session).get("/zstack/v1/hosts").then().statusCode(200);
        Row unchanged = sessionRow(session);
        assertThat(unchanged.getOffsetDateTime("expired_date")).isEqualTo(before.getOffsetDateTime("expired_date"));
        assertThat(unchanged.getOffsetDateTime("last_op_date")).isEqualTo(before.getOffsetDateTime("last_op_date"));
    }

    /** A session last written two minutes ago (moved back in the database before this replica cached it). */
    @Test
    void useAfterAMinuteSlidesTheExpiry() {
        String session = Api.login();
        Db.update("UPDATE session SET last_op_date = last_op_date - interval '2 minutes', "
                + "expired_date = expired_date - interval '2 minutes' WHERE uuid = $1", session);
        OffsetDateTime moved = sessionRow(session).getOffsetDateTime("expired_date");
        Api.withSession(session).get("/zstack/v1/hosts").then().statusCode(200);

        OffsetDateTime slid = sessionRow(session).getOffsetDateTime("expired_date");
        assertThat(Duration.between(moved, slid)).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(slid).isBefore(OffsetDateTime.now().plusSeconds(7200 + 5));
    }

    private static Row sessionRow(String session) {
        return Db.rows("SELECT expired_date, last_op_date FROM session WHERE uuid = $1", session).get(0);
    }
}
