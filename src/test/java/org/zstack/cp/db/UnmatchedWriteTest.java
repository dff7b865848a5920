package org.zstack.cp.db;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An update whose statement matches nothing twice while every rule holds, as when a concurrent change keeps slipping
 * in between, answers 503 SYS.1000 and changes nothing. A trigger that discards the row's UPDATE stands in for the
 * concurrent change.
 */
@QuarkusTest
class UnmatchedWriteTest {

    @Test
    void anUpdateThatNeverMatchesAnswersSys1000AndChangesNothing() {
        String uuid = Fixtures.addVirtualId("unmatched", Api.sha512("unmatched-secret"));
        String before = Db.rows("SELECT description FROM iam2_virtual_id WHERE uuid = $1", uuid).get(0)
                .getString("description");
        Db.update("CREATE FUNCTION test_discard_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
        Db.update("CREATE TRIGGER test_discard_update BEFORE UPDATE ON iam2_virtual_id FOR EACH ROW WHEN (OLD.uuid = '"
                + uuid + "') EXECUTE FUNCTION test_discard_update()");
        try {
            Api.as().body(Map.of("updateIAM2VirtualID", Map.of("description", "never written")))
                    .put("/zstack/v1/iam2/virtual-ids/" + uuid + "/actions")
                    .then().statusCode(503)
                    .body("error.code", equalTo("SYS.1000"))
                    .body("error.details", containsString("try again"));
        } finally {
            Db.update("DROP TRIGGER test_discard_update ON iam2_virtual_id");
            Db.update("DROP FUNCTION test_discard_update()");
        }
        assertThat(Db.rows("SELECT description FROM iam2_virtual_id WHERE uuid = $1", uuid).get(0)
                .getString("description")).isEqualTo(before);
    }
}
