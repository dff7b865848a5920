package org.zstack.cp.ops;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.OpenApiContract;
import org.zstack.cp.support.PackagedApp;

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

/**
 * SIGTERM under load, as in a rolling update: clients keep sending until readiness goes DOWN (when Kubernetes
 * would stop routing to the pod); every request sent, including those in flight at SIGTERM, must succeed.
 * Each request waits a second on the agent and then writes to the database, so a pool closed too early fails it.
 */
class GracefulShutdownIT {
    private static final int CLIENTS = 8;

    @Test
    void inFlightRequestsFinishAfterSigterm() throws Exception {
        try (GenericContainer<?> pg = PackagedApp.postgres();
             FakeAgent agent = FakeAgent.start();
             PackagedApp app = PackagedApp.start(pg, "graceful")) {
            app.awaitReady(Duration.ofMinutes(2));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String session = ConcurrentStartIT.login(app);
            String host = post(http, app, session, "/zstack/v1/hosts/kvm", "{\"params\": {\"name\": \"h\", "
                    + "\"managementIp\": \"127.0.0.1\", \"username\": \"root\", \"password\": \"pw\", \"agentPort\": "
                    + agent.port() + "}}");
            String vm = post(http, app, session, "/zstack/v1/vm-instances",
                    "{\"params\": {\"name\": \"vm\", \"hostUuid\": \"" + host + "\"}}");
            agent.answer("/vm/guesttools/state", body -> Answer.ok("{\"success\": true, \"states\": {\"" + vm
                    + "\": {\"qgaRunning\": true, \"zsToolsFound\": true}}}")
                    .delayedBy(1_000));

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
            loaded.await();
            while (agent.bodies("/vm/guesttools/state").size() < CLIENTS) {
                Thread.onSpinWait();
            }
            int before = succeeded.get();
            app.sigterm();
            while (app.readiness() == 200) {
                Thread.onSpinWait();
            }
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
