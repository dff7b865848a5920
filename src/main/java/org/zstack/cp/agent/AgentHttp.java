package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
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
import org.zstack.cp.db.Conclusion;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs JSON to agents over one pooled Vert.x HTTP client, at most {@code zstack.agent.max-connections-per-host}
 * connections to each agent. The deadline covers everything, the wait for a connection too; when it passes, or the
 * caller cancels, the request is reset, which closes its connection, so that a hung agent keeps nothing of a call.
 */
@ApplicationScoped
class AgentHttp {
    private final Vertx vertx;
    private final HttpClient client;

    AgentHttp(Vertx vertx, AgentConfig config) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerHost()));
    }

    /** The agent's answer as it came: its HTTP status and body. */
    record Answer(int status, Buffer body) {
    }

    Uni<Answer> post(AgentEndpoint agent, String path, Buffer json, Duration deadline) {
        return post(agent, path, json, deadline, Map.of());
    }

    Uni<Answer> post(AgentEndpoint agent, String path, Buffer json, Duration deadline, Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setHost(agent.hostname()).setPort(agent.port()).setURI(path)
                .setConnectTimeout(deadline.toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        headers.forEach(options::putHeader);
        return Conclusion.beforeOutsideEffect()
                .flatMap(v -> Uni.createFrom().emitter(emitter -> new Exchange(emitter, deadline)
                        .start(options, json)));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** One request, which ends exactly once: with the answer, a failure, the deadline, or the caller's cancel. */
    private final class Exchange {
        private final UniEmitter<? super Answer> emitter;
        private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        private final AtomicBoolean over = new AtomicBoolean();
        private final long timer;

        Exchange(UniEmitter<? super Answer> emitter, Duration deadline) {
            this.emitter = emitter;
            this.timer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> fail(new TimeoutException(
                    "no answer within " + deadline.toMillis() + " ms")));
            emitter.onTermination(this::end);
        }

        void start(RequestOptions options, Buffer json) {
            client.request(options)
                    .compose(req -> hold(req) ? req.send(json) : Future.failedFuture("the call already ended"))
                    .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                    .onSuccess(this::complete)
                    .onFailure(this::fail);
        }

        private boolean hold(HttpClientRequest req) {
            request.set(req);
            if (over.get()) {
                req.reset();
                return false;
            }
            return true;
        }

        private void complete(Answer answer) {
            if (over.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                emitter.complete(answer);
            }
        }

        private void fail(Throwable failure) {
            if (!over.get()) {
                emitter.fail(failure);
            }
        }

        /** Called however the call ends; unless the answer came, the request is reset and its connection closed. */
        private void end() {
            vertx.cancelTimer(timer);
            if (over.compareAndSet(false, true)) {
                HttpClientRequest req = request.get();
                if (req != null) {
                    req.reset();
                }
            }
        }
    }
}
