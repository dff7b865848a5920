package org.zstack.cp.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.PackagedApp;
import org.zstack.cp.support.Poll;
import org.zstack.cp.support.SdkClient;
import org.zstack.cp.support.SdkClient.Result;
import org.zstack.cp.support.WireMockAgent;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.SUCCESS;
import static org.zstack.cp.support.AgentReplies.capacity;
import static org.zstack.cp.support.Fixtures.json;

/**
 * ZStack's API jobs across two packaged replicas on one database: a job submitted to one is polled on the other
 * (the SDK rewrites the location to the host it is configured with), the same X-Job-UUID sent to both at once runs
 * once, and a job whose replica is killed mid-call fails with SYS.1001 at its deadline, changing nothing.
 */
class TwoReplicaApiJobIT {
    private static final String POLL_PATH = "/zstack/v1/api-jobs/";
    private static final int ROUNDS = 20;
    /** The killed job's X-API-Timeout: its first poll, which waits up to 2 s, must be sent before the deadline. */
    private static final int TIMEOUT_SECONDS = 4;
    /** How long a hanging agent takes to answer: far past every deadline here. */
    private static final Duration HANG = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GenericContainer<?> pg;
    private static PackagedApp a;
    private static PackagedApp b;
    private static String session;
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();
    private static String vm;
    private static String stoppedVm;

    @BeforeAll
    static void twoReplicas() throws Exception {
        pg = PackagedApp.postgres();
        a = PackagedApp.start(pg, "jobs-a");
        a.awaitReady(Duration.ofMinutes(2));
        b = PackagedApp.start(pg, "jobs-b");
        b.awaitReady(Duration.ofMinutes(2));
        session = a.login();
        String host = inventoryUuid(send(a, "POST", "/zstack/v1/hosts/kvm",
                json(Fixtures.hostBody("127.0.0.1", AGENT.port())), null, null));
        vm = inventoryUuid(send(a, "POST", "/zstack/v1/vm-instances", json(Fixtures.vmBody(host, "InstantStart")),
                null, null));
        stoppedVm = inventoryUuid(send(a, "POST", "/zstack/v1/vm-instances",
                json(Fixtures.vmBody("off", host, "CreateStopped")), null, null));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {b, a, pg}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the next one is still closed
            }
        }
    }

    @Test
    void aJobSubmittedToOneReplicaIsAnsweredByTheOtherWithItsResultOrItsError() throws Exception {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS).delayedBy(300));
        Result password = submitToAPollOnB("PUT", "/zstack/v1/vm-instances/" + vm + "/actions",
                "{\"changeVmPassword\": {\"account\": \"root\", \"password\": \"Two-replica-pw-1\"}}");
        assertThat(password.ok()).as("%s", password.error()).isTrue();
        assertThat(password.body().getMap("$")).isEmpty();

        String name = "kp-" + SdkClient.newJobUuid().substring(0, 8);
        Result keyProvider = submitToAPollOnB("POST", "/zstack/v1/key-providers",
                json(Fixtures.keyProviderBody(name)));
        assertThat(keyProvider.ok()).as("%s", keyProvider.error()).isTrue();
        assertThat(keyProvider.body().getString("inventory.name")).isEqualTo(name);
        assertThat(column("SELECT uuid FROM key_provider WHERE name = ?", name))
                .containsExactly(keyProvider.body().getString("inventory.uuid"));

        String virtualId = inventoryUuid(send(a, "POST", "/zstack/v1/iam2/virtual-ids",
                json(Fixtures.virtualIdBody(name, Api.sha512("two-replica-vid"), Map.of())), null, null));
        Result renamed = submitToAPollOnB("PUT", "/zstack/v1/iam2/virtual-ids/" + virtualId + "/actions",
                "{\"updateIAM2VirtualID\": {\"name\": \"" + name + "-renamed\"}}");
        assertThat(renamed.ok()).as("%s", renamed.error()).isTrue();
        assertThat(renamed.body().getString("inventory.name")).isEqualTo(name + "-renamed");

        Result stopped = submitToAPollOnB("PUT", "/zstack/v1/vm-instances/" + stoppedVm + "/actions",
                "{\"changeVmPassword\": {\"account\": \"root\", \"password\": \"Two-replica-pw-2\"}}");
        assertThat(stopped.errorCode()).as("%s", stopped.error()).isEqualTo("VM.1010");
        Result unknown = submitToAPollOnB("PUT", "/zstack/v1/vm-instances/" + SdkClient.newJobUuid() + "/actions",
                "{\"startVmInstance\": {}}");
        assertThat(unknown.errorCode()).as("%s", unknown.error()).isEqualTo("SYS.1003");
        assertThat(column("SELECT state || ' ' || result_status FROM api_job WHERE uuid = ?", stopped.jobUuid()))
                .containsExactly("Failed 503");
    }

    @Test
    void theSameJobUuidSentToBothReplicasAtOnceRunsOnce() throws Exception {
        AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS).delayedBy(100));
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String name = "once-" + round + "-" + SdkClient.newJobUuid().substring(0, 8);
                String keyProvider = sameJobToBoth(senders, "POST", "/zstack/v1/key-providers",
                        "{\"params\": {\"name\": \"" + name + "\"}}");
                assertThat(column("SELECT uuid FROM key_provider WHERE name = ?", name))
                        .as("round %d", round).containsExactly(keyProvider);

                String account = "once" + round + "-" + round;
                sameJobToBoth(senders, "PUT", "/zstack/v1/vm-instances/" + vm + "/actions",
                        "{\"changeVmPassword\": {\"account\": \"" + account + "\", \"password\": \"Once-pw-"
                                + round + "\"}}");
                assertThat(AGENT.bodies(CHANGE_PASSWORD).stream()
                        .filter(body -> body.contains("\"userAccount\":\"" + account + "\"")))
                        .as("the changepasswd commands of round %d", round).hasSize(1);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void jobsWhoseReplicaIsKilledMidCallFailAtTheirDeadlineAndChangeNothing() throws Exception {
        WireMockServer imageStore = WireMockAgent.start();
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try (PackagedApp doomed = PackagedApp.start(pg, "jobs-killed")) {
            imageStore.stubFor(post(IMAGE_STORE_CONNECT).willReturn(aResponse().withStatus(200)
                    .withBody(capacity(1000, 600))));
            AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS));
            String bs = inventoryUuid(send(a, "POST", "/zstack/v1/backup-storage/image-store",
                    json(new Fixtures.BackupStorage("127.0.0.9", imageStore.port()).withPassword("Bs-ssh-pw").body()),
                    null, null));
            String reconnect = "/zstack/v1/backup-storage/image-store/" + bs + "/actions";
            String vmActions = "/zstack/v1/vm-instances/" + vm + "/actions";
            doomed.awaitReady(Duration.ofMinutes(2));
            SdkClient warm = SdkClient.of(doomed.baseUrl(), session);
            for (Result warmUp : List.of(warm.put(reconnect, Map.of("reconnectImageStoreBackupStorage", Map.of())),
                    warm.put(vmActions, Map.of("changeVmPassword", Map.of("account", "root", "password",
                            "Warm-up-pw-1"))))) {
                assertThat(warmUp.ok()).as("a first call on the replica to be killed: %s", warmUp.error()).isTrue();
            }
            imageStore.stubFor(post(IMAGE_STORE_CONNECT).willReturn(aResponse().withStatus(200)
                    .withBody(capacity(9, 9))
                    .withFixedDelay((int) HANG.toMillis())));
            AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS).delayedBy(HANG.toMillis()));
            int passwordCommands = AGENT.requests(CHANGE_PASSWORD).size();
            List<String> before = rowsOf(bs, vm);

            long submitted = System.nanoTime();
            List<String> locations = new ArrayList<>();
            for (String[] call : List.of(new String[] {reconnect, "\"reconnectImageStoreBackupStorage\": {}"},
                    new String[] {vmActions, "\"changeVmPassword\": {\"account\": \"root\", \"password\": "
                            + "\"Killed-pw-1\"}"})) {
                HttpResponse<String> accepted = send(doomed, "PUT", call[0], "{" + call[1] + ", \"systemTags\": "
                        + "[\"killed::mid-job\"], \"userTags\": [\"killed\"]}", SdkClient.newJobUuid(),
                        String.valueOf(TIMEOUT_SECONDS));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                locations.add(onB(JSON.readTree(accepted.body()).get("location").asText()));
            }
            Poll.until(Duration.ofSeconds(30), "the killed replica's commands reached the agents",
                    () -> imageStore.findAll(postRequestedFor(urlEqualTo(IMAGE_STORE_CONNECT))).size() == 3
                            && AGENT.requests(CHANGE_PASSWORD).size() == passwordCommands + 1);
            doomed.close();
            assertThat(doomed.awaitExit(Duration.ofSeconds(30))).isTrue();

            List<CompletableFuture<String>> ends = new ArrayList<>();
            for (String location : locations) {
                ends.add(CompletableFuture.supplyAsync(() -> pollUntilOverdue(location, submitted), pollers));
            }
            for (int i = 0; i < ends.size(); i++) {
                String end = ends.get(i).get(2, TimeUnit.MINUTES);
                assertThat(JSON.readTree(end).at("/error/code").asText()).as(end).isEqualTo("SYS.1001");
                String jobUuid = URI.create(locations.get(i)).getPath().substring(POLL_PATH.length());
                assertThat(column("SELECT state || ' ' || result_status || ' ' || (finished_at >= deadline_at) "
                        + "FROM api_job WHERE uuid = ?", jobUuid)).containsExactly("Failed 503 true");
                HttpResponse<String> again = get(locations.get(i));
                assertThat(again.statusCode()).isEqualTo(503);
                assertThat(again.body()).as("the answer stays").isEqualTo(end);
            }
            assertThat(rowsOf(bs, vm)).isEqualTo(before);
        } finally {
            pollers.shutdownNow();
            imageStore.stop();
            AGENT.reset();
        }
    }

    /**
     * Polls a job whose replica is gone: 202 {} before its deadline (the first poll is sent well before it), then
     * 503; the 503's body.
     */
    private static String pollUntilOverdue(String location, long submitted) {
        try {
            HttpResponse<String> answer = get(location);
            assertThat(answer.statusCode()).as("a poll before the deadline, answered %d ms after the submission: %s",
                    (System.nanoTime() - submitted) / 1_000_000, answer.body()).isEqualTo(202);
            for (int polls = 1; answer.statusCode() == 202; polls++) {
                assertThat(answer.body()).isEqualTo("{}");
                assertThat(polls).as("polls of a job past its deadline").isLessThan(30);
                answer = get(location);
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            return answer.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Submits as the SDK does to A, and polls the location on B, as the SDK configured with B's address does. */
    private static Result submitToAPollOnB(String method, String path, String body) throws Exception {
        String jobUuid = SdkClient.newJobUuid();
        HttpResponse<String> accepted = send(a, method, path, body, jobUuid, null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = JSON.readTree(accepted.body()).get("location").asText();
        assertThat(location).isEqualTo(a.baseUrl() + POLL_PATH + jobUuid);
        return SdkClient.of(b.baseUrl(), session).poll(onB(location), jobUuid);
    }

    /**
     * Sends the request with one new X-Job-UUID to A and to B at the same moment: both accept the same job, and
     * each replica answers the result the other's location promised. The UUID of the inventory, if any.
     */
    private static String sameJobToBoth(ExecutorService senders, String method, String path, String body)
            throws Exception {
        String jobUuid = SdkClient.newJobUuid();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (PackagedApp app : List.of(a, b)) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return send(app, method, path, body, jobUuid, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, senders));
        }
        go.countDown();
        List<String> locations = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> accepted = answer.get(1, TimeUnit.MINUTES);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            locations.add(JSON.readTree(accepted.body()).get("location").asText());
        }
        assertThat(locations.stream().map(l -> URI.create(l).getPath()).distinct())
                .containsExactly(POLL_PATH + jobUuid);
        Result onB = SdkClient.of(b.baseUrl(), session).poll(onB(locations.get(0)), jobUuid);
        Result onA = SdkClient.of(a.baseUrl(), session).poll(a.baseUrl() + POLL_PATH + jobUuid, jobUuid);
        assertThat(onB.ok()).as("%s", onB.error()).isTrue();
        assertThat(onA.ok()).as("%s", onA.error()).isTrue();
        assertThat(onA.body().getMap("$")).isEqualTo(onB.body().getMap("$"));
        assertThat(column("SELECT count(*) FROM api_job WHERE uuid = ?", jobUuid)).containsExactly("1");
        return onB.body().getString("inventory.uuid");
    }

    /** The location with B's scheme, host and port, as the SDK rewrites a location of another host. */
    private static String onB(String location) {
        return b.baseUrl() + URI.create(location).getPath();
    }

    private static HttpResponse<String> get(String url) throws java.io.IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "OAuth " + session).header("X-JSON-Schema", "true").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(PackagedApp app, String method, String path, String body,
                                             String jobUuid, String apiTimeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "OAuth " + session).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (jobUuid != null) {
            request.header("X-Job-UUID", jobUuid).header("X-JSON-Schema", "true");
        }
        if (apiTimeout != null) {
            request.header("X-API-Timeout", apiTimeout);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String inventoryUuid(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode uuid = JSON.readTree(answer.body()).at("/inventory/uuid");
        assertThat(uuid.isTextual()).as(answer.body()).isTrue();
        return uuid.asText();
    }

    /** Every row of the backup storage, of the VM, and of what hangs off them, as text. */
    private static List<String> rowsOf(String bs, String vm) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("backup_storage t WHERE uuid", "image_store_backup_storage t WHERE uuid",
                "backup_storage_capacity t WHERE backup_storage_uuid", "system_tag t WHERE resource_uuid",
                "user_tag t WHERE resource_uuid")) {
            rows.add(table + ": " + column("SELECT t::text FROM " + table + " = ? ORDER BY 1", bs));
        }
        for (String table : List.of("vm_instance t WHERE uuid", "system_tag t WHERE resource_uuid",
                "user_tag t WHERE resource_uuid")) {
            rows.add(table + ": " + column("SELECT t::text FROM " + table + " = ? ORDER BY 1", vm));
        }
        return rows;
    }

    private static List<String> column(String sql, String arg) throws SQLException {
        try (Connection db = DriverManager.getConnection(PackagedApp.jdbcUrl(pg), "zstack", "zstack");
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, arg);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
