import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;

/**
 * A fast stand-in for the KVM agent and the image-store agent, for the benchmark only, on the app's own Vert.x jars
 * (bench/stages/20-jars.sh compiles it and builds its classpath).
 *
 * <pre>
 *   java -cp CLASSES:VERTX_JARS StubAgent PORT [EVENT_LOOPS]
 * </pre>
 *
 * Listens on 127.0.0.1:PORT (HTTP/1.1, keep-alive, TCP_NODELAY). The KVM paths follow the real agent's async
 * protocol: without the header taskuuid they get 400 "taskUuid missing in request header"; else 200 with an empty
 * body at once, and the reply is POSTed afterwards to the header callbackurl with the header taskuuid, over a pooled
 * keep-alive client (no callbackurl: no reply).
 * <ul>
 *   <li>POST /vm/changepasswd    -> reply {"success": true}</li>
 *   <li>POST /vm/guesttools/state -> reply with a "states" entry for every uuid of the body's vmInstanceUuids</li>
 *   <li>POST /imagestore/connect -> (synchronous) {"success": true, "totalCapacity": ..., "availableCapacity": ...}</li>
 *   <li>POST /sink               -> 200, empty: where the stub's own ceiling run sends the callbacks</li>
 *   <li>GET  /ping               -> {}</li>
 * </ul>
 * Anything else is a 404 with {"success": false, "error": "..."}.
 */
public final class StubAgent extends AbstractVerticle {
    private static final Buffer OK = Buffer.buffer("{\"success\": true}");
    private static final Buffer PING = Buffer.buffer("{}");
    private static final Buffer CONNECT = Buffer.buffer("{\"success\": true, \"totalCapacity\": 1099511627776, "
            + "\"availableCapacity\": 966367641600}");
    private static final Buffer NO_TASK = Buffer.buffer("taskUuid missing in request header");
    private static final String STATE = "{\"qgaRunning\": true, \"zsToolsFound\": true, "
            + "\"version\": \"4.6.11\", \"platForm\": \"Linux\", \"osType\": \"Linux\"}";

    private final int port;
    private HttpClient callbacks;

    private StubAgent(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: java -cp CLASSES:VERTX_JARS StubAgent PORT [EVENT_LOOPS]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new StubAgent(port), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("stub agent listening on 127.0.0.1:" + port + " with "
                        + loops + " event loops"))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        callbacks = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(64));
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true)
                        .setAcceptBacklog(1024))
                .requestHandler(request -> request.body().onSuccess(body -> handle(request, body)))
                .listen()
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void handle(HttpServerRequest request, Buffer body) {
        String path = request.path();
        HttpMethod method = request.method();
        Buffer reply = null;
        if (method == HttpMethod.POST && "/vm/changepasswd".equals(path)) {
            reply = OK;
        } else if (method == HttpMethod.POST && "/vm/guesttools/state".equals(path)) {
            reply = guestToolsStates(body.toString(StandardCharsets.UTF_8));
        }
        String taskUuid = request.getHeader("taskuuid");
        var response = request.response().putHeader("Content-Type", "application/json");
        if (reply != null) {
            if (taskUuid == null) {
                response.setStatusCode(400).end(NO_TASK);
                return;
            }
            String callbackUrl = request.getHeader("callbackurl");
            Buffer answer = reply;
            response.end().onSuccess(v -> {
                if (callbackUrl != null) {
                    callBack(callbackUrl, taskUuid, answer);
                }
            });
        } else if (method == HttpMethod.POST && "/imagestore/connect".equals(path)) {
            response.end(CONNECT);
        } else if (method == HttpMethod.POST && "/sink".equals(path)) {
            response.end();
        } else if (method == HttpMethod.GET && "/ping".equals(path)) {
            response.end(PING);
        } else {
            response.setStatusCode(404).end("{\"success\": false, \"error\": \"the stub agent has no " + method + " "
                    + path + "\"}");
        }
    }

    /** POSTs the reply to the service; its answer is read (to free the connection) and only a failure is logged. */
    private void callBack(String callbackUrl, String taskUuid, Buffer reply) {
        callbacks.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(callbackUrl)
                        .putHeader("taskuuid", taskUuid).putHeader("Content-Type", "application/json")
                        .setIdleTimeout(30_000))
                .compose(request -> request.send(reply))
                .compose(response -> response.body().map(b -> response.statusCode()))
                .onComplete(result -> {
                    if (result.failed() || result.result() != 200) {
                        System.err.println("the reply to " + callbackUrl + " for " + taskUuid + " failed: "
                                + (result.failed() ? result.cause() : "HTTP " + result.result()));
                    }
                });
    }

    /** {"vmInstanceUuids": ["a", "b"]} -> {"success": true, "states": {"a": {...}, "b": {...}}}, by a plain scan. */
    static Buffer guestToolsStates(String body) {
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
        return Buffer.buffer(out.append("}}").toString());
    }
}
