import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast stand-in for the KVM agent and the image-store agent, for the benchmark only.
 *
 * <pre>
 *   java bench/StubAgent.java PORT [THREADS]
 * </pre>
 *
 * Listens on 127.0.0.1:PORT (HTTP/1.1, keep-alive, TCP_NODELAY). The KVM paths follow the real agent's async
 * protocol: without the header taskuuid they get 400 "taskUuid missing in request header"; else 200 with an empty
 * body at once, and the reply is POSTed afterwards to the header callbackurl with the header taskuuid (no
 * callbackurl, as in the stub's own ceiling run: no reply).
 * <ul>
 *   <li>POST /vm/changepasswd    -> reply {"success": true}</li>
 *   <li>POST /vm/guesttools/state -> reply with a "states" entry for every uuid of the body's vmInstanceUuids</li>
 *   <li>POST /imagestore/connect -> (synchronous) {"success": true, "totalCapacity": ..., "availableCapacity": ...}</li>
 *   <li>GET  /ping               -> {}</li>
 * </ul>
 * Anything else is a 404 with {"success": false, "error": "..."}.
 */
public final class StubAgent {
    private static final byte[] OK = "{\"success\": true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECT = ("{\"success\": true, \"totalCapacity\": 1099511627776, "
            + "\"availableCapacity\": 966367641600}").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_TASK = "taskUuid missing in request header".getBytes(StandardCharsets.US_ASCII);
    private static final String STATE = "{\"qgaRunning\": true, \"zsToolsFound\": true, "
            + "\"version\": \"4.6.11\", \"platForm\": \"Linux\", \"osType\": \"Linux\"}";
    private static final HttpClient CALLBACKS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private StubAgent() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java bench/StubAgent.java PORT [THREADS]");
            System.exit(2);
        }
        // Read by the JDK's server when its classes load, so set before HttpServer.create.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1000");
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stub-agent-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.createContext("/", StubAgent::handle);
        server.setExecutor(pool);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("stub agent listening on 127.0.0.1:" + port + " with " + threads + " threads");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] answer;
            int status = 200;
            byte[] reply = null;
            if ("POST".equals(method) && "/vm/changepasswd".equals(path)) {
                reply = OK;
            } else if ("POST".equals(method) && "/vm/guesttools/state".equals(path)) {
                reply = guestToolsStates(new String(body, StandardCharsets.UTF_8));
            }
            String taskUuid = exchange.getRequestHeaders().getFirst("taskuuid");
            if (reply != null) {
                status = taskUuid == null ? 400 : 200;
                answer = taskUuid == null ? NO_TASK : new byte[0];
            } else if ("POST".equals(method) && "/imagestore/connect".equals(path)) {
                answer = CONNECT;
            } else if ("GET".equals(method) && "/ping".equals(path)) {
                answer = PING;
            } else {
                status = 404;
                answer = ("{\"success\": false, \"error\": \"the stub agent has no " + method + " " + path + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            String callbackUrl = exchange.getRequestHeaders().getFirst("callbackurl");
            if (reply != null && taskUuid != null && callbackUrl != null) {
                callBack(callbackUrl, taskUuid, reply);
            }
        }
    }

    /** POSTs the reply to the service, without waiting for its answer. */
    private static void callBack(String callbackUrl, String taskUuid, byte[] reply) {
        CALLBACKS.sendAsync(HttpRequest.newBuilder(URI.create(callbackUrl)).timeout(Duration.ofSeconds(30))
                        .header("taskuuid", taskUuid).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(reply)).build(),
                HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        System.err.println("the reply to " + callbackUrl + " for " + taskUuid + " failed: "
                                + (failure != null ? failure : "HTTP " + response.statusCode()));
                    }
                });
    }

    /** {"vmInstanceUuids": ["a", "b"]} -> {"success": true, "states": {"a": {...}, "b": {...}}}, by a plain scan. */
    static byte[] guestToolsStates(String body) {
        StringBuilder out = new StringBuilder(256).append("{\"success\": true, \"states\": {");
        int key = body.indexOf("\"vmInstanceUuids\"");
        if (key >= 0) {
            int open = body.indexOf('[', key);
            int close = open < 0 ? -1 : body.indexOf(']', open);
            boolean first = true;
            int i = open + 1;
            while (open >= 0 && close > open) {
                int q1 = body.indexOf('"', i);
                if (q1 < 0 || q1 > close) {
                    break;
                }
                int q2 = body.indexOf('"', q1 + 1);
                if (q2 < 0 || q2 > close) {
                    break;
                }
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append('"').append(body, q1 + 1, q2).append("\": ").append(STATE);
                i = q2 + 1;
            }
        }
        return out.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
