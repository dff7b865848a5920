package org.zstack.cp.job;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs webhook bodies over an HTTP client of its own. {@code zstack.webhook.timeout} bounds each POST as a whole:
 * connecting, sending, and reading the answer (whose body is read and dropped); when it passes the request is reset,
 * so that a receiver that hangs or trickles keeps nothing.
 */
@ApplicationScoped
class WebhookPoster {
    private final Vertx vertx;
    private final HttpClient client;
    private final long timeoutMillis;

    WebhookPoster(Vertx vertx, WebhookConfig config) {
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, config.timeout().toMillis());
        this.client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setConnectTimeout(Math.toIntExact(timeoutMillis)).setKeepAlive(true))
                .with(new PoolOptions().setHttp1MaxSize(Math.max(1, config.concurrency())))
                // The request in flight fails with the connection's error; this keeps Vert.x from logging it too.
                .withConnectHandler(connection -> connection.exceptionHandler(failure -> { }))
                .build();
    }

    /** The receiver's HTTP status; fails when no complete answer came in time. */
    Uni<Integer> post(String url, String jobUuid, boolean success, String body) {
        return Uni.createFrom().emitter(emitter -> {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .setFollowRedirects(false)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("X-Job-UUID", jobUuid)
                    .putHeader("X-Job-Success", String.valueOf(success));
            AtomicReference<HttpClientRequest> held = new AtomicReference<>();
            AtomicBoolean over = new AtomicBoolean();
            long timer = vertx.setTimer(timeoutMillis, id -> {
                if (over.compareAndSet(false, true)) {
                    reset(held.get());
                    emitter.fail(new TimeoutException("no complete answer within " + timeoutMillis + " ms"));
                }
            });
            client.request(options)
                    .compose(request -> {
                        held.set(request);
                        if (over.get()) {
                            request.reset();
                            return Future.failedFuture("timed out");
                        }
                        return request.send(Buffer.buffer(body));
                    })
                    .compose(response -> response.handler(ignored -> { }).end().map(v -> response.statusCode()))
                    .onComplete(result -> {
                        if (over.compareAndSet(false, true)) {
                            vertx.cancelTimer(timer);
                            if (result.succeeded()) {
                                emitter.complete(result.result());
                            } else {
                                reset(held.get());
                                emitter.fail(result.cause());
                            }
                        }
                    });
        });
    }

    private static void reset(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
