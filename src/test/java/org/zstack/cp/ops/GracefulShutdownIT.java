package org.zstack.cp.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.OpenApiContract;
import org.zstack.cp.support.PackagedApp;
import org.zstack.cp.support.Poll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.GUEST_TOOLS;
import static org.zstack.cp.support.AgentReplies.guestToolsRunning;
import static org.zstack.cp.support.Fixtures.json;

/**
 * SIGTERM under load, as in a rolling update: clients keep sending until readiness goes DOWN (when Kubernetes
 * would stop routing to the pod); every request sent, including those in flight at SIGTERM, must succeed.
 * Each request waits a second on the agent and then writes to the database, so a pool closed too early fails it.
 */
class GracefulShutdownIT {
    private static final int CLIENTS = 8;
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

    @Test
    void inFlightRequestsFinishAfterSigterm() throws Exception {
        try (GenericContainer<?> pg = PackagedApp.postgres();
             PackagedApp app = PackagedApp.start(pg, "graceful")) {
            app.awaitReady(Duration.ofMinutes(2));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String session = app.login();
            String host = post(http, app, session, "/zstack/v1/hosts/kvm",
                    json(Fixtures.hostBody("127.0.0.1", AGENT.port())));
            String vm = post(http, app, session, "/zstack/v1/vm-instances",
                    json(Fixtures.vmBody(host, "InstantStart")));
            AGENT.answer(GUEST_TOOLS, Answer.ok(guestToolsRunning(vm, "4.7.0")).delayedBy(1_000));

            AtomicBoolean routed = new AtomicBoolean(true);
            AtomicInteger succeeded = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch loaded = new CountDownLatch(CLIENTS);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> {
                    boolean first = true;
                    while (routed.get()) {
                        if (first) {
                            loaded.countDown();
                            first = false;
                        }
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                                            + "/zstack/v1/vm-instances/" + vm + "/guesttools-state"))
                                    .header("Authorization", "OAuth " + session)
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            try {
                                OpenApiContract.checked(r);
                            } catch (AssertionError broken) {
                                failures.add(broken.getMessage());
                            }
                            if (r.statusCode() == 200) {
                                succeeded.incrementAndGet();
                            } else {
                                failures.add(r.statusCode() + " " + r.body());
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                });
            }
            assertThat(loaded.await(1, TimeUnit.MINUTES)).as("every client has sent its first request").isTrue();
            Poll.until(Duration.ofMinutes(1), CLIENTS + " requests wait on the agent",
                    () -> AGENT.bodies(GUEST_TOOLS).size() >= CLIENTS);
            int before = succeeded.get();
            app.sigterm();
            Poll.until(Duration.ofSeconds(30), "readiness goes DOWN after SIGTERM", () -> app.readiness() != 200);
            routed.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

            assertThat(app.awaitExit(Duration.ofSeconds(35))).as("exits within the grace period").isTrue();
            assertThat(failures).as("failed requests").isEmpty();
            assertThat(succeeded.get()).as("the requests in flight at SIGTERM finished").isGreaterThanOrEqualTo(
                    before + CLIENTS);
        }
    }

    private static String post(HttpClient http, PackagedApp app, String session, String path, String body)
            throws Exception {
        HttpResponse<String> r = OpenApiContract.checked(http.send(HttpRequest.newBuilder(
                        URI.create(app.baseUrl() + path))
                .header("Authorization", "OAuth " + session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).at("/inventory/uuid").asText();
    }

}
