package org.zstack.cp.job;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.zstack.cp.support.PackagedApp;
import org.zstack.cp.support.Poll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook deliveries of the packaged service: across a restart, and with two replicas on one database. */
class WebhookReplicasIT {
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Pattern DELIVERED = Pattern.compile("(?m)^zstack_webhook_delivered_total(?:\\{[^}]*})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aReceiverThatFailsThreeTimesGetsExactlyOneDeliveryAcrossARestart() throws Exception {
        Map<String, String> settings = Map.of("ZSTACK_WEBHOOK_INTERVAL", "3s");
        String job = UUID.randomUUID().toString().replace("-", "");
        String path = "/hooks/" + job;
        String body = "{\"inventory\": {\"uuid\": \"" + job + "\"}}";
        try (GenericContainer<?> pg = PackagedApp.postgres();
             WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.failThreeTimesThenSucceed(path);
            int beforeRestart;
            try (PackagedApp first = PackagedApp.start(pg, "webhook-first", settings)) {
                first.awaitReady(Duration.ofMinutes(2));
                sql(pg, "INSERT INTO webhook_delivery (job_uuid, url, success, body) VALUES (?, ?, false, ?)",
                        job, receiver.url(path), body);
                Poll.until(BOUND, "the first failure is recorded",
                        () -> count(pg, "SELECT count(*) FROM webhook_delivery WHERE job_uuid = ? "
                                + "AND last_error IS NOT NULL AND lease_until IS NULL", job) == 1);
                first.sigterm();
                assertThat(first.awaitExit(Duration.ofMinutes(1))).isTrue();
                beforeRestart = receiver.requests(path).size();
            }
            assertThat(beforeRestart).isBetween(1, 3);

            try (PackagedApp second = PackagedApp.start(pg, "webhook-second", settings)) {
                second.awaitReady(Duration.ofMinutes(2));
                Poll.until(BOUND, "the delivery is done",
                        () -> count(pg, "SELECT count(*) FROM webhook_delivery WHERE job_uuid = ?", job) == 0);
            }
            List<LoggedRequest> requests = receiver.requests(path);
            assertThat(requests).hasSize(4).allSatisfy(r -> {
                assertThat(r.getHeader("X-Job-UUID")).isEqualTo(job);
                assertThat(r.getHeader("X-Job-Success")).isEqualTo("false");
                assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
                assertThat(r.getBodyAsString()).isEqualTo(body);
            });
        }
    }

    @Test
    void twoReplicasDeliverEveryRowExactlyOnce() throws Exception {
        int rows = 120;
        Map<String, String> settings = Map.of("ZSTACK_WEBHOOK_INTERVAL", "200ms", "ZSTACK_WEBHOOK_CONCURRENCY", "4");
        try (GenericContainer<?> pg = PackagedApp.postgres();
             WebhookReceiver receiver = WebhookReceiver.start();
             PackagedApp first = PackagedApp.start(pg, "webhook-replica-1", settings);
             PackagedApp second = PackagedApp.start(pg, "webhook-replica-2", settings)) {
            first.awaitReady(Duration.ofMinutes(2));
            second.awaitReady(Duration.ofMinutes(2));
            receiver.answer("/many", 200, 50);
            sql(pg, "INSERT INTO webhook_delivery (job_uuid, url, success, body) "
                    + "SELECT md5(i::text), ?, true, '{\"n\": ' || i || '}' FROM generate_series(1, " + rows + ") i",
                    receiver.url("/many"));
            Poll.until(BOUND, "every delivery is done",
                    () -> count(pg, "SELECT count(*) FROM webhook_delivery") == 0);

            Map<String, Long> perJob = receiver.requests("/many").stream()
                    .collect(Collectors.groupingBy(r -> r.getHeader("X-Job-UUID"), Collectors.counting()));
            assertThat(perJob).hasSize(rows).allSatisfy((job, n) -> assertThat(n).as(job).isOne());
            long byFirst = delivered(first);
            long bySecond = delivered(second);
            assertThat(byFirst + bySecond).isEqualTo(rows);
            assertThat(byFirst).as("deliveries by the first replica").isPositive();
            assertThat(bySecond).as("deliveries by the second replica").isPositive();
        }
    }

    private static long delivered(PackagedApp app) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = DELIVERED.matcher(metrics);
        assertThat(m.find()).as(metrics).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static Connection connect(GenericContainer<?> pg) throws SQLException {
        return DriverManager.getConnection(PackagedApp.jdbcUrl(pg), "zstack", "zstack");
    }

    private static void sql(GenericContainer<?> pg, String sql, String... args) throws SQLException {
        try (Connection c = connect(pg); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static long count(GenericContainer<?> pg, String sql, String... args) {
        try (Connection c = connect(pg); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
