package org.zstack.cp.db;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.AgentReplies;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;
import org.zstack.cp.support.Poll;
import org.zstack.cp.support.RunningVmOnFakeAgent;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After start-up the service holds only its reactive connections (the pool and the readiness check's one): Flyway's
 * JDBC connection is closed once the migration is done, and neither readiness nor anything else opens it again.
 * Under load, the pool and the pipelined client of the single statements together stay within the pool's configured
 * size. This is what deploy/k8s's connection budget (DatabaseManifestTest) counts per pod.
 */
@QuarkusTest
class ConnectionBudgetTest extends RunningVmOnFakeAgent {
    /** PgJDBC's own application_name, unless application.properties names the Flyway connection. */
    private static final String JDBC_DEFAULT_NAME = "PostgreSQL JDBC Driver";
    private static final String CLIENT_BACKENDS = "SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND backend_type = 'client backend'";

    @Test
    void afterStartOnlyTheReactivePoolAndTheReadinessConnectionAreOpen() {
        String jdbcName = ConfigProvider.getConfig().getOptionalValue(
                "quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName", String.class)
                .orElse(JDBC_DEFAULT_NAME);
        int reactiveMax = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);

        Poll.until(Duration.ofSeconds(30), "Flyway's JDBC connection is closed after the migration",
                () -> jdbcConnections(jdbcName) == 0);

        for (int i = 0; i < 5; i++) {
            RestAssured.get("/q/health/ready").then().statusCode(200);
        }
        assertThat(jdbcConnections(jdbcName)).as("JDBC connections after readiness checks").isZero();
        assertThat(Db.count(CLIENT_BACKENDS)).as("connections of the service to its database")
                .isLessThanOrEqualTo(reactiveMax + 1L);
    }

    @Test
    void underConcurrentUpdatesOfBothKindsTheServiceHoldsNoMoreThanItsPoolSize() throws Exception {
        int reactiveMax = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
        AGENT.answer(AgentReplies.GUEST_TOOLS, Answer.ok(AgentReplies.guestToolsRunning(vm, "4.6.11")));
        List<String> virtualIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            virtualIds.add(Fixtures.addVirtualId("budget", "password-" + i));
        }
        Http http = new Http();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(http.put("/zstack/v1/vm-instances/" + vm + "/guesttools-state", "{}"));
            calls.add(http.put("/zstack/v1/iam2/virtual-ids/" + virtualIds.get(i % 8) + "/actions",
                    "{\"updateIAM2VirtualID\": {\"description\": \"call " + i + "\"}}"));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        String reactiveName = ConfigProvider.getConfig().getValue(
                "quarkus.datasource.reactive.additional-properties.application_name", String.class);
        assertThat(Db.count(CLIENT_BACKENDS + " AND application_name = $1", reactiveName))
                .as("reactive connections of the service to its database after the load")
                .isLessThanOrEqualTo(reactiveMax + 1L);
    }

    private static long jdbcConnections(String applicationName) {
        return Db.count(CLIENT_BACKENDS + " AND application_name = $1", applicationName);
    }
}
