package org.zstack.cp.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.AgentReplies;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * Property-based fuzzing of every route (issue 13): seeded requests, each a valid request with one or two things
 * broken, sent by several workers at once; every answer is checked by {@link Oracle}, and after a rejected update
 * (or one with validationOnly) the worker's own rows must be as they were. All violations are collected and
 * reported together, once per kind.
 *
 * <p>{@code -Dfuzz.seed=<n>} (or {@code random}) picks the seed, {@code -Dfuzz.requests=<n>} the number of requests,
 * {@code -Dfuzz.threads=<n>} the number of workers.
 */
@QuarkusTest
class FuzzTest {
    private static final long DEFAULT_SEED = 0x13F0C0DEL;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{32}");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

    private static void answerAsAgents() {
        AtomicLong calls = new AtomicLong();
        AGENT.answer(AgentReplies.CHANGE_PASSWORD, Answer.ok(AgentReplies.SUCCESS));
        AGENT.answer(AgentReplies.IMAGE_STORE_CONNECT, Answer.ok(AgentReplies.capacity(1073741824L, 968884224L)));
        AGENT.answer(AgentReplies.GUEST_TOOLS, body -> {
            long n = calls.incrementAndGet();
            StringBuilder states = new StringBuilder();
            Matcher m = UUID.matcher(body);
            while (m.find()) {
                states.append(states.length() == 0 ? "" : ", ").append('"').append(m.group()).append("\": {")
                        .append("\"qgaRunning\": ").append(n % 2 == 0).append(", \"zsToolsInstalled\": ")
                        .append(n % 3 != 0).append(", \"zwatchRunning\": ").append(n % 5 != 0)
                        .append(", \"version\": \"4.6.").append(n % 13).append("\", \"platform\": \"Linux\", ")
                        .append("\"osType\": \"CentOS\"}");
            }
            return Answer.ok("{\"success\": true, \"states\": {" + states + "}}");
        });
    }

    @Test
    void everyAnswerKeepsTheContract() throws Exception {
        String seedProperty = System.getProperty("fuzz.seed", String.valueOf(DEFAULT_SEED));
        long seed = "random".equals(seedProperty) ? new Random().nextLong() : Long.decode(seedProperty);
        int requests = Integer.getInteger("fuzz.requests", 10_000);
        int threads = Integer.getInteger("fuzz.threads", 8);
        System.out.printf("FuzzTest: seed=%d requests=%d threads=%d (rerun with -Dfuzz.seed=%d)%n",
                seed, requests, threads, seed);
        answerAsAgents();
        long started = System.nanoTime();
        FuzzReport report = new FuzzReport();
        Sender sender = new Sender(RestAssured.port);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        String session = Api.login();
        List<Future<WorkerFixture>> fixtures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            fixtures.add(pool.submit(() -> new WorkerFixture(worker, seed, session, AGENT)));
        }
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            fixtures.get(w).get();
        }
        long fixed = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            WorkerFixture fixture = fixtures.get(w).get();
            int share = requests / threads + (w < requests % threads ? 1 : 0);
            Values values = new Values(new Random(seed * 1_000_003L + w));
            workers.add(pool.submit(() -> work(new CaseGenerator(values, fixture), share, sender, report)));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long ended = System.nanoTime();
        System.out.printf("FuzzTest: %d requests in %.1f s after %.1f s of fixtures (seed %d)%n%s"
                        + "Requests sent again on a connection of their own after a pooled one failed: %d%n",
                report.total(), (ended - fixed) / 1e9, (fixed - started) / 1e9, seed, report.counts(),
                sender.retries.sum());
        if (!report.clean()) {
            String summary = report.violations();
            System.out.println("FuzzTest violations (seed " + seed + "):\n" + summary);
            fail("the fuzzing found violations (seed " + seed + "):\n" + summary);
        }
    }

    private static Void work(CaseGenerator generator, int count, Sender sender, FuzzReport report) {
        Oracle oracle = new Oracle();
        for (int i = 0; i < count; i++) {
            FuzzCase c = generator.next();
            long snapshotStarted = System.nanoTime();
            String before = c.snapshot == null ? null : c.snapshot.take();
            report.snapshotMillis((System.nanoTime() - snapshotStarted) / 1_000_000);
            org.zstack.cp.fuzz.Answer answer;
            long sent = System.nanoTime();
            try {
                answer = sender.send(c);
            } catch (Exception e) {
                report.answered(c, 0, "-", (System.nanoTime() - sent) / 1_000_000);
                report.violated(c, 0, new Oracle.Violation("no HTTP answer", "-", e.toString()), "");
                continue;
            }
            List<Oracle.Violation> violations = oracle.check(c, answer);
            JsonNode body = parse(answer.body());
            String code = body == null ? "-" : body.path("error").path("code").asText("-");
            report.answered(c, answer.status(), answer.status() < 300 ? "" : code, (System.nanoTime() - sent) / 1_000_000);
            boolean success = answer.status() >= 200 && answer.status() < 300;
            String shown = BodyMutator.abbreviate(answer.text(), 400);
            if (before != null && (!success || c.validationOnly)) {
                String after = c.snapshot.take();
                if (!before.equals(after)) {
                    violations.add(new Oracle.Violation((success ? "validationOnly" : "a rejected request")
                            + " changed rows", code, "changed " + changedTables(before, after)));
                    shown += "\n    rows before: " + before.replace("\n", " | ") + "\n    rows after:  "
                            + after.replace("\n", " | ");
                }
            }
            for (Oracle.Violation v : violations) {
                report.violated(c, answer.status(), v, shown);
            }
            if (success && body != null) {
                c.onSuccess.accept(body);
            }
        }
        return null;
    }

    private static List<String> changedTables(String before, String after) {
        List<String> changed = new ArrayList<>();
        String[] b = before.split("\n", -1);
        String[] a = after.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                changed.add(a[i].substring(0, Math.max(0, a[i].indexOf(':'))));
            }
        }
        return changed;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
