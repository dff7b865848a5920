package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One HTTP call to an agent with its deadline, turning every way it can fail into a ZStack error, and timing it
 * ({@code zstack.agent.calls}, tagged with the path and the outcome). {@code scrub} removes secrets from the agent's
 * own error text before it reaches a client or the log.
 */
@ApplicationScoped
class AgentCall {
    private static final Logger LOG = Logger.getLogger(AgentCall.class);
    private final MeterRegistry metrics;

    AgentCall(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    <R extends AgentMessages.Reply> Uni<R> run(AgentEndpoint agent, String path, Object cmd, Duration deadline,
                                               Supplier<Uni<? extends R>> call, UnaryOperator<String> scrub) {
        String where = "the agent at " + agent + " (" + path + ")";
        LOG.debugf("calling %s with %s", where, cmd);
        Timer.Sample sample = Timer.start(metrics);
        return Uni.createFrom().<R>deferred(call)
                .ifNoItem().after(deadline).failWith(() -> new TimeoutException())
                .onFailure().transform(e -> failure(where, deadline, e, scrub))
                .map(reply -> {
                    if (reply == null || !Boolean.TRUE.equals(reply.success())) {
                        String error = reply == null || reply.error() == null ? "no error given" : scrub.apply(reply.error());
                        LOG.warnf("%s failed: %s", where, error);
                        throw ApiException.operationFailure(where + " failed: " + error);
                    }
                    return reply;
                })
                .onItemOrFailure().invoke((reply, failure) -> sample.stop(metrics.timer("zstack.agent.calls",
                        "path", path, "outcome", outcome(failure))));
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        return failure instanceof ApiException api && api.code() == ErrorCode.TIMEOUT ? "timeout" : "failure";
    }

    private static ApiException failure(String where, Duration deadline, Throwable e, UnaryOperator<String> scrub) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (isTimeout(e)) {
            LOG.warnf("%s did not answer within %s", where, deadline);
            return ApiException.timeout(where + " did not answer within " + deadline.toSeconds() + "s");
        }
        String reason;
        if (e instanceof WebApplicationException wae) {
            reason = "it answered HTTP " + wae.getResponse().getStatus();
        } else if (rootCause(e) instanceof ConnectException || e instanceof ProcessingException) {
            reason = "it cannot be reached: " + scrub.apply(String.valueOf(rootCause(e).getMessage()));
        } else {
            reason = scrub.apply(String.valueOf(rootCause(e).getMessage()));
        }
        LOG.warnf("%s failed: %s", where, reason);
        return ApiException.operationFailure(where + " failed: " + reason);
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
