package org.zstack.cp.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server playing a ZStack agent: each path answers what the test scripts (status, body, delay),
 * and every request body is recorded. It listens on all loopback addresses, so hosts at 127.x.y.z reach it.
 */
public final class FakeAgent implements AutoCloseable {
    public record Answer(int status, String body, long delayMillis) {
        public static Answer ok(String body) {
            return new Answer(200, body, 0);
        }

        public Answer delayedBy(long millis) {
            return new Answer(status, body, millis);
        }
    }

    public record Recorded(String path, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Function<String, Answer>> answers = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private FakeAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeAgent start() {
        try {
            return new FakeAgent();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on: an agent that cannot be reached. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void answer(String path, Function<String, Answer> answer) {
        answers.put(path, answer);
    }

    public void answer(String path, Answer answer) {
        answer(path, body -> answer);
    }

    public List<String> bodies(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).map(Recorded::body).toList();
    }

    public void reset() {
        answers.clear();
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(path, body));
        Answer answer = answers.getOrDefault(path, b -> new Answer(404, "{}", 0)).apply(body);
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException clientGone) {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
