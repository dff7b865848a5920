package org.zstack.cp.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One call to an agent with its deadline, turning every way it can fail into a ZStack error, and timing it
 * ({@code zstack.agent.calls}, tagged with the path and the outcome). Whatever the agent or the transport says goes
 * through the call's {@link Scrubber} before it reaches a client or the log.
 */
@ApplicationScoped
class AgentCall {
    private static final Logger LOG = Logger.getLogger(AgentCall.class);
    static final String TASK_UUID = "taskuuid";
    static final String CALLBACK_URL = "callbackurl";
    private final AgentHttp http;
    private final PendingCalls pending;
    private final CallbackAddress callback;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    AgentCall(AgentHttp http, PendingCalls pending, CallbackAddress callback, ObjectMapper json,
              MeterRegistry metrics) {
        this.http = http;
        this.pending = pending;
        this.callback = callback;
        this.json = json;
        this.metrics = metrics;
    }

    /** A synchronous call: the reply is the answer to the POST itself (the image-store agent). */
    <R extends AgentMessages.Reply> Uni<R> run(AgentEndpoint agent, String path, Object cmd, Class<R> replyType,
                                               Duration deadline, Scrubber scrubber) {
        String where = where(agent, path);
        LOG.debugf("calling %s with %s", where, cmd);
        return timed(path, Uni.createFrom().deferred(() -> http.post(agent, path, Buffer.buffer(encode(cmd)), deadline))
                .onFailure().transform(e -> unanswered(where, deadline, e, scrubber))
                .map(answer -> {
                    if (answer.status() < 200 || answer.status() > 299) {
                        throw failed(where, "it answered HTTP " + answer.status());
                    }
                    return checked(where, decode(where, answer.body(), replyType), scrubber);
                }));
    }

    /**
     * A call by ZStack's async protocol (the KVM agent): the POST carries a fresh {@code taskuuid} and this
     * replica's {@code callbackurl}, the agent accepts it at once, and its reply comes to the callback endpoint.
     * The deadline covers both; when it passes the call stops waiting, and a later reply is refused.
     */
    <R extends AgentMessages.Reply> Uni<R> runByCallback(AgentEndpoint agent, String path, Object cmd,
                                                         Class<R> replyType, Duration deadline, Scrubber scrubber) {
        String where = where(agent, path);
        LOG.debugf("calling %s with %s", where, cmd);
        return timed(path, Uni.createFrom().deferred(() -> {
            String taskUuid = PendingCalls.newTaskUuid();
            Uni<PendingCalls.Reply> reply = pending.await(taskUuid);
            return http.post(agent, path, Buffer.buffer(encode(cmd)), deadline,
                            Map.of(TASK_UUID, taskUuid, CALLBACK_URL, callback.callbackUrl()))
                    .flatMap(answer -> {
                        if (answer.status() < 200 || answer.status() > 299) {
                            throw failed(where, "it refused the command with HTTP " + answer.status() + ": "
                                    + scrubber.apply(answer.body().toString()));
                        }
                        return reply;
                    })
                    .ifNoItem().after(deadline).failWith(() -> new TimeoutException("no reply within " + deadline))
                    .onFailure().transform(e -> unanswered(where, deadline, e, scrubber))
                    .map(r -> {
                        if (r.error() != null) {
                            throw failed(where, scrubber.apply(r.error()));
                        }
                        return checked(where, decode(where, r.body(), replyType), scrubber);
                    })
                    .onTermination().invoke(() -> pending.end(taskUuid));
        }));
    }

    private static String where(AgentEndpoint agent, String path) {
        return "the agent at " + agent + " (" + path + ")";
    }

    private <R> Uni<R> timed(String path, Uni<R> call) {
        Timer.Sample sample = Timer.start(metrics);
        return call.onItemOrFailure().invoke((reply, failure) -> sample.stop(metrics.timer("zstack.agent.calls",
                "path", path, "outcome", outcome(failure))));
    }

    private static <R extends AgentMessages.Reply> R checked(String where, R reply, Scrubber scrubber) {
        if (!Boolean.TRUE.equals(reply.success())) {
            throw failed(where, reply.error() == null ? "no error given" : scrubber.apply(reply.error()));
        }
        return reply;
    }

    private byte[] encode(Object cmd) {
        try {
            return json.writeValueAsBytes(cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <R> R decode(String where, Buffer body, Class<R> replyType) {
        R reply;
        try {
            reply = json.readValue(body.getBytes(), replyType);
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null) {
            throw failed(where, "its answer is not a " + replyType.getSimpleName() + " in JSON");
        }
        return reply;
    }

    private static ApiException failed(String where, String reason) {
        LOG.warnf("%s failed: %s", where, reason);
        return ApiException.operationFailure(where + " failed: " + reason);
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        return failure instanceof ApiException api && api.code() == ErrorCode.TIMEOUT ? "timeout" : "failure";
    }

    private static ApiException unanswered(String where, Duration deadline, Throwable e, Scrubber scrubber) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (isTimeout(e)) {
            LOG.warnf("%s did not answer within %s", where, deadline);
            return ApiException.timeout(where + " did not answer within " + deadline.toSeconds() + "s");
        }
        return failed(where, "it cannot be reached: " + scrubber.apply(String.valueOf(rootCause(e).getMessage())));
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TimeoutException || c instanceof io.smallrye.mutiny.TimeoutException
                    || c.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
