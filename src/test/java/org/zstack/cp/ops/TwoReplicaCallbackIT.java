package org.zstack.cp.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.OpenApiContract;
import org.zstack.cp.support.PackagedApp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.CHANGE_PASSWORD;
import static org.zstack.cp.support.AgentReplies.GUEST_TOOLS;
import static org.zstack.cp.support.AgentReplies.SUCCESS;
import static org.zstack.cp.support.AgentReplies.guestToolsRunning;
import static org.zstack.cp.support.Fixtures.json;

/**
 * Two packaged replicas on one database, one KVM agent: each command names, in its {@code callbackurl}, the
 * replica that sent it and waits (its own address, derived as no callback base URL is set), and every call
 * completes through its callback.
 */
class TwoReplicaCallbackIT {
    private static final int CALLS_PER_REPLICA = 20;
    private static final Pattern ACCOUNT = Pattern.compile("\"userAccount\":\"(\\w+)-\\d+\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

    @Test
    void everyCallCompletesByTheCallbackOfTheReplicaThatWaits() throws Exception {
        try (GenericContainer<?> pg = PackagedApp.postgres();
             PackagedApp first = PackagedApp.start(pg, "callback-first")) {
            first.awaitReady(Duration.ofMinutes(2));
            try (PackagedApp second = PackagedApp.start(pg, "callback-second")) {
                second.awaitReady(Duration.ofMinutes(2));
                String firstSession = first.login();
                String secondSession = second.login();
                String host = uuid(send(first, firstSession, "POST", "/zstack/v1/hosts/kvm",
                        json(Fixtures.hostBody("127.0.0.1", AGENT.port()))).get(30, TimeUnit.SECONDS));
                String vm = uuid(send(first, firstSession, "POST", "/zstack/v1/vm-instances",
                        json(Fixtures.vmBody(host, "InstantStart"))).get(30, TimeUnit.SECONDS));
                AGENT.answer(CHANGE_PASSWORD, Answer.ok(SUCCESS).delayedBy(200));
                AGENT.answer(GUEST_TOOLS, Answer.ok(guestToolsRunning(vm, "4.7.0")).delayedBy(200));

                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < CALLS_PER_REPLICA; i++) {
                    calls.add(changePassword(first, firstSession, vm, "first-" + i));
                    calls.add(changePassword(second, secondSession, vm, "second-" + i));
                    calls.add(send(i % 2 == 0 ? first : second, i % 2 == 0 ? firstSession : secondSession, "PUT",
                            "/zstack/v1/vm-instances/" + vm + "/guesttools-state", "{}"));
                }
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    HttpResponse<String> answer = call.get(2, TimeUnit.MINUTES);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    if (answer.request().uri().getPath().endsWith("guesttools-state")) {
                        assertThat(JSON.readTree(answer.body()).at("/inventory/qgaState").asText())
                                .isEqualTo("Running");
                    } else {
                        assertThat(answer.body()).isEqualTo("{}");
                    }
                }

                List<FakeAgent.Recorded> commands = AGENT.requests(CHANGE_PASSWORD);
                assertThat(commands).hasSize(2 * CALLS_PER_REPLICA);
                for (FakeAgent.Recorded command : commands) {
                    Matcher m = ACCOUNT.matcher(command.body());
                    assertThat(m.find()).as(command.body()).isTrue();
                    PackagedApp sender = m.group(1).equals("first") ? first : second;
                    assertThat(URI.create(command.callbackUrl()).getPort()).isEqualTo(port(sender));
                    assertThat(URI.create(command.callbackUrl()).getPath()).isEqualTo("/zstack/asyncrest/callback");
                }
                assertThat(AGENT.requests(GUEST_TOOLS).stream().map(r -> URI.create(r.callbackUrl())
                        .getPort()).distinct()).containsExactlyInAnyOrder(port(first), port(second));
                List<FakeAgent.Callback> replies = AGENT.awaitCallbacks(3 * CALLS_PER_REPLICA, Duration.ofSeconds(30));
                assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.answer()).isEqualTo(200));
            }
        }
    }

    private static int port(PackagedApp app) {
        return URI.create(app.baseUrl()).getPort();
    }

    private static CompletableFuture<HttpResponse<String>> changePassword(PackagedApp app, String session, String vm,
                                                                          String account) {
        return send(app, session, "PUT", "/zstack/v1/vm-instances/" + vm + "/actions",
                "{\"changeVmPassword\": {\"password\": \"password\", \"account\": \"" + account + "\"}}");
    }

    private static CompletableFuture<HttpResponse<String>> send(PackagedApp app, String session, String method,
                                                                String path, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "OAuth " + session).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(OpenApiContract::checked);
    }

    private static String uuid(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).at("/inventory/uuid").asText();
    }
}
