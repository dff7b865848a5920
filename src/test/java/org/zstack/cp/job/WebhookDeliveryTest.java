package org.zstack.cp.job;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.zstack.cp.db.TransactionSql;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook deliveries as the job code leaves them: a {@code webhook_delivery} row, written in the job's transaction
 * (or inserted here directly), and then POSTed by the service to a real receiver.
 */
@QuarkusTest
class WebhookDeliveryTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    private static final WebhookReceiver HUNG = WebhookReceiver.start();
    @Inject
    Webhooks webhooks;
    @Inject
    Transactions transactions;

    @AfterAll
    static void stopReceivers() {
        RECEIVER.close();
        HUNG.close();
    }

    static String newJob() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static void insert(String job, String url, boolean success, String body) {
        insert(job, url, success, body, 0);
    }

    /** A delivery with {@code attempts} already made, written in one statement so no round claims it before. */
    static void insert(String job, String url, boolean success, String body, int attempts) {
        Db.update("INSERT INTO webhook_delivery (job_uuid, url, success, body, attempts) VALUES ($1, $2, $3, $4, $5)",
                job, url, success, body, attempts);
    }

    static List<Row> rowsOf(String job) {
        return Db.rows("SELECT state, attempts, last_error, lease_until FROM webhook_delivery WHERE job_uuid = $1",
                job);
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsExactlyOneSuccessfulDeliveryWithTheRightHeaders() {
        String job = newJob();
        String path = "/hooks/" + job;
        String body = "{\"inventory\": {\"uuid\": \"" + job + "\", \"name\": \"vm\"}}";
        RECEIVER.failThreeTimesThenSucceed(path);
        String url = RECEIVER.url(path) + "?token=do-not-log-me";
        insert(job, url, true, body);
        webhooks.kick();

        Poll.until(BOUND, "the delivery is done", () -> rowsOf(job).isEmpty());
        List<LoggedRequest> requests = RECEIVER.requests(path);
        assertThat(requests).hasSize(4);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.getHeader("X-Job-UUID")).isEqualTo(job);
            assertThat(r.getHeader("X-Job-Success")).isEqualTo("true");
            assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(r.getBodyAsString()).isEqualTo(body);
            assertThat(r.queryParameter("token").firstValue()).isEqualTo("do-not-log-me");
        });
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("zstack_webhook_delivered_total(\\{[^}]*})? [1-9]");
        assertThat(metrics).containsPattern("zstack_webhook_failed_attempts_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void aJobSubmittedWithXWebHookIsPostedToItOnceItEnds() {
        String job = newJob();
        String path = "/jobs/" + job;
        RECEIVER.failThreeTimesThenSucceed(path);
        String name = "hooked-" + job.substring(0, 8);
        String location = org.zstack.cp.support.Api.as().header("X-Job-UUID", job)
                .header("X-Web-Hook", RECEIVER.url(path))
                .body(Fixtures.keyProviderBody(name))
                .post("/zstack/v1/key-providers").then().statusCode(202).extract().path("location");
        String polled = org.zstack.cp.support.Api.as().get(location).then().statusCode(200).extract().asString();
        Poll.until(BOUND, "the job's webhook is delivered", () -> rowsOf(job).isEmpty()
                && RECEIVER.requests(path).size() == 4);
        assertThat(RECEIVER.requests(path)).allSatisfy(r -> {
            assertThat(r.getHeader("X-Job-UUID")).isEqualTo(job);
            assertThat(r.getHeader("X-Job-Success")).isEqualTo("true");
            assertThat(r.getBodyAsString()).isEqualTo(polled).contains(name);
        });
        org.zstack.cp.support.Api.as().header("X-Job-UUID", newJob()).header("X-Web-Hook", "ftp://example.com/x")
                .body(Fixtures.keyProviderBody(name + "-x"))
                .post("/zstack/v1/key-providers").then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("SYS.1007"));
    }

    @Test
    void aFailedAttemptLeavesTheReasonWithoutTheUrlAndRetriesAfterTheInterval() {
        String job = newJob();
        String path = "/failing/" + job;
        RECEIVER.answer(path, 503, 0);
        insert(job, RECEIVER.url(path) + "?token=secret-token-1", false, "{\"error\": {\"code\": \"SYS.1000\"}}");
        webhooks.kick();

        Poll.until(BOUND, "two attempts", () -> RECEIVER.requests(path).size() >= 2);
        Row row = rowsOf(job).get(0);
        assertThat(row.getString("state")).isEqualTo("PENDING");
        assertThat(row.getString("last_error")).isEqualTo("the receiver answered HTTP 503")
                .doesNotContain("secret-token-1");
        assertThat(RECEIVER.requests(path).get(0).getHeader("X-Job-Success")).isEqualTo("false");
        Db.update("DELETE FROM webhook_delivery WHERE job_uuid = $1", job);
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsGivenUpAndStaysVisible() {
        String job = newJob();
        String path = "/dead/" + job;
        RECEIVER.answer(path, 500, 0);
        // 13 of the 15 attempts already made (by this replica or another before a restart).
        insert(job, RECEIVER.url(path), true, "{}", 13);
        webhooks.kick();

        Poll.until(BOUND, "the delivery is given up",
                () -> "FAILED".equals(rowsOf(job).get(0).getString("state")));
        Row row = rowsOf(job).get(0);
        assertThat(row.getInteger("attempts")).isEqualTo(15);
        assertThat(row.getString("last_error")).isEqualTo("the receiver answered HTTP 500");
        assertThat(RECEIVER.requests(path)).hasSize(2);
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("zstack_webhook_given_up_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void aHungReceiverDelaysNeitherOtherDeliveriesNorRequests() {
        String hungJob = newJob();
        HUNG.answer("/hung", 200, 120_000);
        insert(hungJob, HUNG.url("/hung"), true, "{}");
        webhooks.kick();
        Poll.until(BOUND, "the hung receiver got its POST", () -> !HUNG.requests("/hung").isEmpty());

        String job = newJob();
        String path = "/prompt/" + job;
        RECEIVER.answer(path, 200, 0);
        insert(job, RECEIVER.url(path), true, "{}");
        webhooks.kick();
        Poll.until(BOUND, "the other delivery is done", () -> rowsOf(job).isEmpty());
        Api.as().get("/zstack/v1/vm-instances").then().statusCode(200);

        // All of that happened while the hung POST was still in flight.
        Row hung = rowsOf(hungJob).get(0);
        assertThat(hung.getInteger("attempts")).isEqualTo(1);
        assertThat(hung.getString("last_error")).isNull();
        assertThat(hung.getValue("lease_until")).isNotNull();
        assertThat(RECEIVER.requests(path)).hasSize(1);
        Db.update("DELETE FROM webhook_delivery WHERE job_uuid = $1", hungJob);
    }

    @Test
    void aHungReceiverWithManyDeliveriesTakesOnlyItsShareOfTheSlots() {
        try (WebhookReceiver hung = WebhookReceiver.start()) {
            hung.answer("/hung", 200, 120_000);
            List<String> hungJobs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String job = newJob();
                hungJobs.add(job);
                insert(job, hung.url("/hung"), true, "{}");
            }
            webhooks.kick();
            Poll.until(BOUND, "the hung receiver got POSTs", () -> !hung.requests("/hung").isEmpty());

            String job = newJob();
            String path = "/beside-hung/" + job;
            RECEIVER.answer(path, 200, 0);
            insert(job, RECEIVER.url(path), true, "{}");
            webhooks.kick();
            Poll.until(BOUND, "the other delivery is done", () -> rowsOf(job).isEmpty());

            Object[] jobs = {hungJobs.toArray(new String[0])};
            assertThat(Db.count("SELECT count(*) FROM webhook_delivery WHERE job_uuid = ANY($1) "
                    + "AND last_error IS NOT NULL", jobs)).as("hung POSTs that timed out meanwhile").isZero();
            assertThat(Db.count("SELECT count(*) FROM webhook_delivery WHERE job_uuid = ANY($1) "
                    + "AND lease_until IS NOT NULL", jobs)).as("hung POSTs in flight").isEqualTo(4);
            assertThat(hung.requests("/hung")).hasSize(4);
            Db.update("DELETE FROM webhook_delivery WHERE job_uuid = ANY($1)", jobs);
        }
    }

    @Test
    void concurrentRoundsDeliverEachRowOnce() throws Exception {
        String prefix = "/many/" + newJob();
        RECEIVER.answer(prefix, 200, 20);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String job = newJob();
            jobs.add(job);
            insert(job, RECEIVER.url(prefix), true, "{\"n\": " + i + "}");
        }
        ExecutorService kickers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            kickers.submit(webhooks::kick);
        }
        kickers.shutdown();
        assertThat(kickers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        Poll.until(BOUND, "every delivery is done", () -> Db.count(
                "SELECT count(*) FROM webhook_delivery WHERE job_uuid = ANY($1)", (Object) jobs.toArray(new String[0])) == 0);
        Map<String, Long> perJob = RECEIVER.requests(prefix).stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("X-Job-UUID"), Collectors.counting()));
        assertThat(perJob).hasSize(jobs.size()).containsOnlyKeys(jobs).allSatisfy((job, n) -> assertThat(n).isOne());
    }

    @Test
    void aDeliveryEnqueuedInATransactionCommitsWithItAndRollsBackWithIt() {
        String job = newJob();
        String path = "/enqueued/" + job;
        RECEIVER.answer(path, 200, 0);
        transactions.withTransaction(() -> webhooks.enqueue(TransactionSql.panache(), job, RECEIVER.url(path), true,
                "{\"inventory\": {}}")).await().atMost(BOUND);
        webhooks.kick();
        Poll.until(BOUND, "the delivery is done", () -> rowsOf(job).isEmpty());
        assertThat(RECEIVER.requests(path)).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).isEqualTo("{\"inventory\": {}}"));

        String rolledBack = newJob();
        assertThatThrownBy(() -> transactions.<Void>withTransaction(() -> webhooks.enqueue(TransactionSql.panache(),
                rolledBack, RECEIVER.url(path), true, "{}").flatMap(v -> Uni.createFrom().failure(
                new IllegalStateException("the job fails")))).await().atMost(BOUND))
                .hasMessageContaining("the job fails");
        assertThat(rowsOf(rolledBack)).isEmpty();
    }
}
