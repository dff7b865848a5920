package org.zstack.cp.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.api.ErrorMapper;

import java.util.regex.Pattern;

/**
 * {@code POST /zstack/asyncrest/callback}, where agents POST their replies. Agents have no session, so none is
 * asked for; instead the header {@code taskuuid} must name a call of this replica that waits (else 404 SYS.1003;
 * a missing or malformed one gets 400 SYS.1007), and the body may be at most
 * {@code zstack.agent.callback-max-body-size} bytes (else 413 SYS.1007). The reply completes that call only, once.
 * The taskuuid is checked before the body is read, so a stranger cannot make this replica buffer anything.
 */
@ApplicationScoped
class AgentCallbackRoute {
    private static final Logger LOG = Logger.getLogger(AgentCallbackRoute.class);
    private static final Pattern TASK_UUID = Pattern.compile("[0-9a-f]{32}");
    private final PendingCalls pending;
    private final ObjectMapper json;
    private final int maxBodySize;

    AgentCallbackRoute(PendingCalls pending, ObjectMapper json, AgentConfig config) {
        this.pending = pending;
        this.json = json;
        this.maxBodySize = config.callbackMaxBodySize();
    }

    void register(@Observes Router router) {
        router.post(CallbackAddress.CALLBACK_PATH).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String taskUuid = request.getHeader(AgentCall.TASK_UUID);
        if (taskUuid == null || !TASK_UUID.matcher(taskUuid).matches()) {
            refuse(rc, ApiException.badRequest("the header taskuuid must be the 32 hex characters of a call"));
            return;
        }
        if (!pending.isPending(taskUuid)) {
            refuse(rc, noSuchCall(taskUuid));
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            refuse(rc, tooLarge());
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBodySize) {
                if (!rc.response().ended()) {
                    rc.response().putHeader(HttpHeaders.CONNECTION, "close");
                    refuse(rc, tooLarge());
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (rc.response().ended()) {
                return;
            }
            if (pending.complete(taskUuid, new PendingCalls.Reply(request.getHeader("error"), body))) {
                rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("{}");
            } else {
                refuse(rc, noSuchCall(taskUuid));
            }
        });
        // The request may reach this route paused; the body flows only once it is resumed.
        request.resume();
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private ApiException noSuchCall(String taskUuid) {
        if (pending.takeLate(taskUuid)) {
            LOG.warnf("dropped a reply for task %s that came after its call's deadline", taskUuid);
        } else {
            LOG.debugf("refused a reply for task %s, for which no call waits", taskUuid);
        }
        return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, 404, "no call waits for the reply of task " + taskUuid,
                null);
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, 413,
                "a reply may be at most " + maxBodySize + " bytes", null);
    }

    private void refuse(RoutingContext rc, ApiException e) {
        String body;
        try {
            body = json.writeValueAsString(ErrorMapper.reply(e));
        } catch (JsonProcessingException impossible) {
            body = "{}";
        }
        rc.response().setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
