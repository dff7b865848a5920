package org.zstack.cp.ops;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Poll;
import org.zstack.cp.support.SdkClient;
import org.zstack.cp.support.Secrets;
import org.zstack.cp.support.WireMockAgent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the SDK on, one call is one trace: its server span, the SQL statements it runs and the agent call it makes
 * (with {@code traceparent} sent to the agent); an API job's work joins the trace of its submission. No span holds a
 * password, in clear, as the SHA-512 hex the client sends, or as the stored hash.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {
    private static final String CHANGE_PASSWORD = "/vm/changepasswd";
    private static final String GUEST_PASSWORD = "Traced-guest-pw-5e1";
    private static final String JOB_GUEST_PASSWORD = "Traced-job-pw-77a";
    private static final String IAM2_PASSWORD = "traced-iam2-secret-3b9";
    private static final String IAM2_NEW_PASSWORD = "traced-iam2-new-secret-c40";
    private static final WireMockServer AGENT = WireMockAgent.start();

    /**
     * Spans go to memory, and out every 50 ms; no other test sees this profile or its exporter. The guest password
     * change may take long on a loaded machine.
     */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms",
                    "zstack.agent.change-password-timeout", "60s");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MemoryExporter.class);
        }
    }

    /** Selected by {@link Traced} only (no {@code @Priority}, which would select it for every test). */
    @Alternative
    @Singleton
    public static class MemoryExporter {
        private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return SPANS;
        }
    }

    @Inject
    InMemorySpanExporter spans;

    private String vm;

    @BeforeEach
    void runningVm() {
        WireMockAgent.replyByCallback(AGENT, CHANGE_PASSWORD, "{\"success\": true}", 0);
        vm = Fixtures.createVm(WireMockAgent.addHost(AGENT), "InstantStart");
    }

    @AfterAll
    static void stopAgent() {
        AGENT.stop();
    }

    @Test
    void aChangeVmPasswordIsOneTraceOfItsRequestItsStatementsAndItsAgentCall() {
        spans.reset();
        Api.as().body(Map.of("changeVmPassword", Map.of("account", "root", "password", GUEST_PASSWORD)))
                .put("/zstack/v1/vm-instances/" + vm + "/actions").then().statusCode(200);

        SpanData server = awaitSpan("the server span of the call", s -> s.getKind() == SpanKind.SERVER
                && String.valueOf(attribute(s, "url.path")).endsWith("/vm-instances/" + vm + "/actions"));
        SpanData agentCall = awaitSpan("the agent call's client span", s -> isAgentCall(s)
                && s.getTraceId().equals(server.getTraceId()));
        assertThat(agentCall.getParentSpanContext().isValid()).as("the agent call has a parent").isTrue();
        awaitSpan("a SQL statement of the call", s -> isStatement(s) && s.getTraceId().equals(server.getTraceId()));
        assertThat(inTrace(server.getTraceId()).filter(TracingTest::isStatement).map(TracingTest::sqlText)
                .toList()).anySatisfy(sql -> assertThat(String.valueOf(sql)).contains("$1"));

        LoggedRequest sent = lastAgentRequest();
        assertThat(sent.getHeader("traceparent")).as("the trace goes on to the agent")
                .contains(server.getTraceId()).contains(agentCall.getSpanId());
        assertNoSecretIn(spans.getFinishedSpanItems(), GUEST_PASSWORD);
    }

    @Test
    void anApiJobIsNamedOnItsRequestAndItsWorkJoinsTheRequestsTrace() {
        spans.reset();
        String jobUuid = SdkClient.newJobUuid();
        String location = Api.as().header("X-Job-UUID", jobUuid)
                .body(Map.of("changeVmPassword", Map.of("account", "root", "password", JOB_GUEST_PASSWORD)))
                .put("/zstack/v1/vm-instances/" + vm + "/actions").then().statusCode(202).extract().path("location");
        SdkClient.Result done = SdkClient.admin().poll(location, jobUuid);
        assertThat(done.ok()).as("%s", done.error()).isTrue();

        SpanData submission = awaitSpan("the submission's server span with the job's UUID",
                s -> s.getKind() == SpanKind.SERVER && jobUuid.equals(attribute(s, "zstack.job.uuid")));
        awaitSpan("the job's agent call, in the submission's trace",
                s -> isAgentCall(s) && s.getTraceId().equals(submission.getTraceId()));
        assertNoSecretIn(spans.getFinishedSpanItems(), JOB_GUEST_PASSWORD);
    }

    @Test
    void anIam2PasswordChangeLeavesNoPasswordInAnySpan() {
        String uuid = Api.as().body(Map.of("params", Map.of("name", "traced-" + vm.substring(0, 8),
                        "password", Api.sha512(IAM2_PASSWORD))))
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200).extract().path("inventory.uuid");
        String firstHash = storedHash(uuid);
        Api.as().body(Map.of("updateIAM2VirtualID", Map.of("password", Api.sha512(IAM2_NEW_PASSWORD),
                        "oldPassword", Api.sha512(IAM2_PASSWORD))))
                .put("/zstack/v1/iam2/virtual-ids/" + uuid + "/actions").then().statusCode(200);
        String newHash = storedHash(uuid);
        assertThat(newHash).isNotEqualTo(firstHash);

        SpanData update = awaitSpan("the update's server span", s -> s.getKind() == SpanKind.SERVER
                && String.valueOf(attribute(s, "url.path")).endsWith("/iam2/virtual-ids/" + uuid + "/actions"));
        awaitSpan("a SQL statement of the update", s -> isStatement(s)
                && s.getTraceId().equals(update.getTraceId()));
        assertNoSecretIn(spans.getFinishedSpanItems(), IAM2_PASSWORD, IAM2_NEW_PASSWORD, firstHash, newHash);
    }

    private static String storedHash(String uuid) {
        return Db.rows("SELECT password_hash FROM iam2_virtual_id WHERE uuid = $1", uuid).get(0).getString(0);
    }

    private static boolean isAgentCall(SpanData span) {
        return span.getKind() == SpanKind.CLIENT
                && String.valueOf(attribute(span, "url.full")).endsWith(":" + AGENT.port() + CHANGE_PASSWORD);
    }

    private static boolean isStatement(SpanData span) {
        return span.getKind() == SpanKind.CLIENT && sqlText(span) != null;
    }

    /** The statement's text, under the name of either the stable or the older database conventions. */
    private static Object sqlText(SpanData span) {
        Object text = attribute(span, "db.query.text");
        return text != null ? text : attribute(span, "db.statement");
    }

    private LoggedRequest lastAgentRequest() {
        List<LoggedRequest> requests = AGENT.findAll(postRequestedFor(urlEqualTo(CHANGE_PASSWORD)));
        return requests.get(requests.size() - 1);
    }

    private java.util.stream.Stream<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId));
    }

    private SpanData awaitSpan(String what, java.util.function.Predicate<SpanData> wanted) {
        Poll.until(Duration.ofSeconds(20), what + " among " + names(), () -> find(wanted).isPresent());
        return find(wanted).orElseThrow();
    }

    private Optional<SpanData> find(java.util.function.Predicate<SpanData> wanted) {
        return spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
    }

    private List<String> names() {
        return spans.getFinishedSpanItems().stream().map(s -> s.getKind() + " " + s.getName() + " "
                + s.getAttributes()).toList();
    }

    private static Object attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Every password in clear and as its SHA-512 hex, the admin's and the host's too, in no span's text. */
    private static void assertNoSecretIn(List<SpanData> exported, String... secrets) {
        List<String> forbidden = new ArrayList<>(List.of(Api.adminPassword(), Api.sha512(Api.adminPassword()),
                Secrets.HOST_PASSWORD));
        for (String secret : secrets) {
            forbidden.add(secret);
            forbidden.add(Api.sha512(secret));
        }
        assertThat(exported).isNotEmpty();
        for (SpanData span : exported) {
            List<String> texts = new ArrayList<>(List.of(span.getName(), span.getStatus().getDescription()));
            texts.addAll(values(span.getAttributes()));
            span.getEvents().forEach(event -> {
                texts.add(event.getName());
                texts.addAll(values(event.getAttributes()));
            });
            for (String text : texts) {
                for (String secret : forbidden) {
                    assertThat(text).as("span [%s]", span.getName()).doesNotContain(secret);
                }
            }
        }
    }

    private static List<String> values(Attributes attributes) {
        return attributes.asMap().values().stream().map(String::valueOf).toList();
    }
}
