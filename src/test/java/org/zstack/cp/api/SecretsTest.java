package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Secrets;
import org.zstack.cp.support.ServiceLog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No password, nor the SHA-512 that clients send for it, in any answer, in the log, or in any table. */
@QuarkusTest
class SecretsTest {

    @Test
    void passwordsAppearNowhere() throws IOException {
        List<String> answers = new ArrayList<>();
        answers.add(Api.logIn("admin", Api.sha512(Api.adminPassword())).asString());
        String host = Fixtures.addHost();
        answers.add(Api.as().get("/zstack/v1/hosts/" + host).asString());
        answers.add(Api.as().get("/zstack/v1/hosts").asString());
        answers.add(Api.as().queryParam("q", "username=root").get("/zstack/v1/hosts").asString());

        List<String> secrets = List.of(Secrets.HOST_PASSWORD, Api.adminPassword(), Api.sha512(Api.adminPassword()));
        assertThat(Db.dumpAllTables()).contains(host);
        assertThat(ServiceLog.all()).contains("password=" + Password.MASK);
        Secrets.assertNowhere(answers, secrets);
        assertThat(answers).noneMatch(a -> a.contains("password"));
    }
}
