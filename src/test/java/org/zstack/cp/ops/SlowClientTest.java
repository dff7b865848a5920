package org.zstack.cp.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.RawHttp;
import org.zstack.cp.support.Poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their request a byte at a time are cut off when the configured time is up, however steadily
 * the bytes trickle in, and while they trickle the service still answers everyone else at once. Connections over
 * the limit are refused. The deadlines here are 3 s (the defaults are 30 s).
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortDeadlines.class)
class SlowClientTest {
    private static final int SLOW_CLIENTS = 100;
    private static final int MAX_CONNECTIONS = 150;
    private static final String HEALTH = "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    /** The deadline plus room for a loaded machine; a client that is never cut stays open far longer. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    public static class ShortDeadlines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zstack.http.request-header-timeout", DEADLINE.toSeconds() + "s",
                    "zstack.http.request-body-timeout", DEADLINE.toSeconds() + "s",
                    "quarkus.http.limits.max-connections", String.valueOf(MAX_CONNECTIONS));
        }
    }

    @Test
    void clientsThatTrickleTheirHeadersAreClosedInTime() throws Exception {
        String session = Api.login();
        List<RawHttp> clients = new ArrayList<>();
        try {
            Instant start = Instant.now();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                RawHttp client = RawHttp.connect();
                client.send("GET /zstack/v1/vm-instances HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
                clients.add(client);
            }
            Instant deadline = start.plus(BOUND);
            Instant lastTrickle = Instant.EPOCH;
            boolean othersServed = false;
            while (clients.stream().anyMatch(c -> !c.ended())) {
                assertThat(Instant.now()).as("every slow client is closed within %s", BOUND).isBefore(deadline);
                if (Duration.between(lastTrickle, Instant.now()).toMillis() >= 2000) {
                    clients.stream().filter(c -> !c.ended()).forEach(c -> c.send("a"));
                    lastTrickle = Instant.now();
                }
                if (!othersServed) {
                    Instant asked = Instant.now();
                    io.restassured.RestAssured.given().header("Authorization", "OAuth " + session)
                            .get("/zstack/v1/vm-instances?limit=1").then().statusCode(200);
                    assertThat(Duration.between(asked, Instant.now())).as("others are served meanwhile")
                            .isLessThan(Duration.ofSeconds(5));
                    othersServed = true;
                }
                Thread.sleep(20);
            }
            Duration took = Duration.between(start, Instant.now());
            System.out.printf("%d slow-header clients closed after %d ms (deadline %d ms)%n",
                    SLOW_CLIENTS, took.toMillis(), DEADLINE.toMillis());
            assertThat(took).isGreaterThanOrEqualTo(DEADLINE.minusMillis(500));
        } finally {
            for (RawHttp client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aBodyThatTricklesIsCutWith408() throws Exception {
        String session = Api.login();
        try (RawHttp client = RawHttp.connect()) {
            Instant start = Instant.now();
            client.send("PUT /zstack/v1/tpms HTTP/1.1\r\nHost: localhost\r\nAuthorization: OAuth " + session
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{");
            Instant lastTrickle = Instant.now();
            while (!client.ended()) {
                assertThat(Instant.now()).as("the slow body is cut").isBefore(start.plus(BOUND));
                if (Duration.between(lastTrickle, Instant.now()).toMillis() >= 1000) {
                    client.send(" ");
                    lastTrickle = Instant.now();
                }
                Thread.sleep(20);
            }
            RawHttp.Response r = client.awaitResponse(Duration.ofSeconds(1));
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(JsonPath.from(r.body()).getString("error.code")).isEqualTo("SYS.1007");
        }
    }

    @Test
    void connectionsOverTheLimitAreRefusedUntilIdleOnesAreClosed() throws Exception {
        List<RawHttp> kept = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                RawHttp client = RawHttp.connect();
                client.send(HEALTH);
                kept.add(client);
            }
            for (RawHttp client : kept) {
                assertThat(client.awaitResponse(BOUND).status()).isEqualTo(200);
            }
            try (RawHttp extra = RawHttp.connect()) {
                extra.send(HEALTH);
                assertThat(extra.awaitEnd(BOUND)).as("a connection over the limit gets no answer").isEmpty();
            }
            Poll.until(BOUND, "kept-alive connections are closed when idle past the deadline",
                    () -> kept.stream().allMatch(c -> c.ended()));
            try (RawHttp next = RawHttp.connect()) {
                next.send(HEALTH);
                assertThat(next.awaitResponse(BOUND).status()).isEqualTo(200);
            }
        } finally {
            for (RawHttp client : kept) {
                client.close();
            }
        }
    }
}
