package org.zstack.cp.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server playing a ZStack agent: each path answers what the test scripts (status, body, delay), and
 * every request is recorded. It listens on all addresses, so hosts at 127.x.y.z reach it.
 * <p>
 * The KVM agent's paths ({@link #ASYNC_PATHS}) behave as the real agent's {@code AsyncUirHandler}: a request without
 * the header {@code taskuuid} gets 400 "taskUuid missing in request header"; a scripted status other than 200 is
 * the agent refusing the command; else the answer is 200 with an empty body at once, and the scripted body is
 * POSTed after its delay to the request's {@code callbackurl} with the header {@code taskuuid} (and {@code error},
 * when scripted). Other paths (the image store) answer the scripted body itself, after its delay.
 * <p>
 * As a JUnit extension ({@code @RegisterExtension static final FakeAgent AGENT = FakeAgent.perClass()}) it starts
 * before the class's tests, is {@link #reset()} after each test and stops after them all.
 */
public final class FakeAgent implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    public static final Set<String> ASYNC_PATHS = Set.of(AgentReplies.CHANGE_PASSWORD, AgentReplies.GUEST_TOOLS);

    /** What a path answers; {@code error} is the header {@code error} of the callback (the agent's traceback). */
    public record Answer(int status, String body, long delayMillis, String error) {
        public Answer(int status, String body, long delayMillis) {
            this(status, body, delayMillis, null);
        }

        public static Answer ok(String body) {
            return new Answer(200, body, 0);
        }

        /** The handler raised: the reply carries the traceback in the header {@code error} and as its body. */
        public static Answer raised(String traceback) {
            return new Answer(200, traceback, 0, traceback);
        }

        public Answer delayedBy(long millis) {
            return new Answer(status, body, millis, error);
        }
    }

    public record Recorded(String path, String body, String taskUuid, String callbackUrl) {
    }

    /** A reply this agent POSTed to a callback URL, and the status the service answered it with. */
    public record Callback(String path, String taskUuid, String callbackUrl, int status, String answer) {
    }

    private HttpServer server;
    private ExecutorService executor;
    private ScheduledExecutorService replies;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Function<String, Answer>> answers = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final List<Future<?>> scheduled = new CopyOnWriteArrayList<>();
    /** Counts the resets, so that a reply on its way during one is not recorded for the next test. */
    private final AtomicInteger resets = new AtomicInteger();

    private FakeAgent() {
    }

    /** An agent listening already; the caller closes it. */
    public static FakeAgent start() {
        FakeAgent agent = new FakeAgent();
        agent.listen();
        return agent;
    }

    /** An agent for {@code @RegisterExtension static}: it listens from before the class's tests to after them. */
    public static FakeAgent perClass() {
        return new FakeAgent();
    }

    private synchronized void listen() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool();
        replies = Executors.newScheduledThreadPool(16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        listen();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** A port nothing listens on: an agent that cannot be reached. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the agent is not listening: register it with @RegisterExtension");
        }
        return server.getAddress().getPort();
    }

    public void answer(String path, Function<String, Answer> answer) {
        answers.put(path, answer);
    }

    public void answer(String path, Answer answer) {
        answer(path, body -> answer);
    }

    public List<String> bodies(String path) {
        return requests(path).stream().map(Recorded::body).toList();
    }

    public List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The replies POSTed so far, in the order the service answered them. */
    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    /** Waits until {@code count} replies have been POSTed and answered, at most {@code limit}. */
    public List<Callback> awaitCallbacks(int count, Duration limit) {
        Poll.until(limit, count + " replies are POSTed and answered", () -> callbacks.size() >= count);
        return callbacks();
    }

    /** Forgets the script and what was recorded, and drops the replies not yet POSTed. */
    public void reset() {
        resets.incrementAndGet();
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
        answers.clear();
        requests.clear();
        callbacks.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String taskUuid = exchange.getRequestHeaders().getFirst("taskuuid");
        String callbackUrl = exchange.getRequestHeaders().getFirst("callbackurl");
        requests.add(new Recorded(path, body, taskUuid, callbackUrl));
        Answer answer = answers.getOrDefault(path, b -> new Answer(404, "{}", 0)).apply(body);
        if (!ASYNC_PATHS.contains(path)) {
            pause(answer.delayMillis());
            send(exchange, answer.status(), answer.body());
        } else if (taskUuid == null) {
            send(exchange, 400, "taskUuid missing in request header");
        } else if (answer.status() != 200) {
            send(exchange, answer.status(), answer.body());
        } else {
            send(exchange, 200, "");
            int script = resets.get();
            scheduled.add(replies.schedule(() -> reply(path, taskUuid, callbackUrl, answer, script),
                    answer.delayMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void reply(String path, String taskUuid, String callbackUrl, Answer answer, int script) {
        int status;
        String said;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callbackUrl))
                    .timeout(Duration.ofSeconds(30)).header("taskuuid", taskUuid)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(answer.body()));
            if (answer.error() != null) {
                request.header("error", answer.error().replace('\n', ' '));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            said = response.body();
        } catch (IOException | RuntimeException e) {
            status = -1;
            said = String.valueOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (script == resets.get()) {
            callbacks.add(new Callback(path, taskUuid, callbackUrl, status, said));
        }
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException clientGone) {
            exchange.close();
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        reset();
        server.stop(0);
        executor.shutdownNow();
        replies.shutdownNow();
        server = null;
    }
}
