package org.zstack.cp.host;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class HostApiTest {

    @Test
    void aHostThatStillHasVmsIsNotDeletedAndTheAnswerIsSys1006() {
        String host = Fixtures.addHost();
        Fixtures.createVm(host, "CreateStopped");

        Api.as().delete("/zstack/v1/hosts/" + host)
                .then().statusCode(503)
                .body("error.code", equalTo("SYS.1006"))
                .body("error.details", containsString(host));

        assertThat(Db.count("SELECT count(*) FROM host WHERE uuid = $1", host)).isEqualTo(1);
    }

    @Test
    void aHostWithoutVmsIsDeleted() {
        String host = Fixtures.addHost();

        Api.as().delete("/zstack/v1/hosts/" + host).then().statusCode(200).body("$", anEmptyMap());

        assertThat(Db.count("SELECT count(*) FROM host WHERE uuid = $1", host)).isZero();
    }
}
