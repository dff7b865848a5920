package org.zstack.cp.db;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Iam2Target;
import org.zstack.cp.support.OpenApiContract;
import org.zstack.cp.support.Postgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The database freezing (docker pause) or dropping connections (pg_terminate_backend) under the service. */
@QuarkusTest
@TestProfile(DatabaseFaultTest.ShortDeadline.class)
class DatabaseFaultTest {
    static final Duration DEADLINE = Duration.ofSeconds(3);
    /** Room for a loaded machine on top of the deadline. */
    static final Duration SLACK = Duration.ofSeconds(3);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zstack.db.timeout", DEADLINE.toMillis() + "ms", "zstack.db.readiness-timeout", "1s");
        }
    }

    private Iam2Target target;

    @BeforeEach
    void create() throws Exception {
        awaitServing();
        target = new Iam2Target("fault-");
    }

    private static CompletableFuture<HttpResponse<String>> get(String path, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30));
        if (session != null) {
            request.header("Authorization", "OAuth " + session);
        }
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(OpenApiContract::checked);
    }

    private static String code(HttpResponse<String> response) {
        return JsonPath.from(response.body()).getString("error.code");
    }

    private record Timed(HttpResponse<String> response, Duration took) {
    }

    private static CompletableFuture<Timed> timed(CompletableFuture<HttpResponse<String>> call, long startNanos) {
        return call.thenApply(r -> new Timed(r, Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    @Test
    void aFrozenDatabaseAnswersTimeoutInTimeAndReadinessGoesDownThenRecovers() throws Exception {
        String session = Api.login();
        get("/q/health/ready", null).get(30, TimeUnit.SECONDS);
        Postgres.pause();
        long paused = System.nanoTime();
        try {
            List<CompletableFuture<Timed>> calls = new ArrayList<>();
            long start = System.nanoTime();
            calls.add(timed(target.updateDescription("while-frozen"), start));
            calls.add(timed(target.updatePassword(), start));
            calls.add(timed(get("/zstack/v1/iam2/virtual-ids?q=uuid=" + target.uuid(), session), start));
            calls.add(timed(get("/zstack/v1/hosts", session), start));
            Duration readyDown = awaitReadiness(503, paused, Duration.ofSeconds(20));
            assertThat(readyDown).as("readiness DOWN after the database froze").isLessThan(Duration.ofSeconds(5));
            for (CompletableFuture<Timed> call : calls) {
                Timed t = call.get(60, TimeUnit.SECONDS);
                assertThat(t.response().statusCode()).as(t.response().body()).isEqualTo(503);
                assertThat(code(t.response())).as(t.response().body()).isEqualTo("SYS.1001");
                assertThat(t.took()).isLessThan(DEADLINE.plus(SLACK));
            }
        } finally {
            Postgres.unpause();
        }
        long resumed = System.nanoTime();
        HttpResponse<String> after = target.updateDescription("after-resume").get(30, TimeUnit.SECONDS);
        Duration firstSuccess = Duration.ofNanos(System.nanoTime() - resumed);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(firstSuccess).as("first success after the database resumed").isLessThan(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> again = target.updateDescription("steady-" + i).get(30, TimeUnit.SECONDS);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        }
        awaitReadiness(200, resumed, Duration.ofSeconds(10));
    }

    /** A cold JVM on a loaded machine can take longer than the short deadline for its first requests. */
    private static void awaitServing() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Api.logIn("admin", Api.sha512(Api.adminPassword())).statusCode() != 200) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the service never answered a login");
            }
            Thread.sleep(200);
        }
    }

    /** Polls readiness until it answers {@code status}; the time from {@code sinceNanos}. */
    private static Duration awaitReadiness(int status, long sinceNanos, Duration bound) throws Exception {
        long until = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < until) {
            if (get("/q/health/ready", null).get(30, TimeUnit.SECONDS).statusCode() == status) {
                return Duration.ofNanos(System.nanoTime() - sinceNanos);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never answered " + status + " within " + bound);
    }
}
