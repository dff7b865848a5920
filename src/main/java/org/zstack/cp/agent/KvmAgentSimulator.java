package org.zstack.cp.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.function.Function;

/**
 * A KVM agent served by this application under {@link #PREFIX} when {@code zstack.agent.simulator.enabled} (dev
 * mode), behaving as the real agent's {@code AsyncUirHandler}: 400 without {@code taskuuid}, else 200 with an empty
 * body at once, and the reply POSTed afterwards to {@code callbackurl} with the header {@code taskuuid}. Password
 * changes succeed; guest tools are installed and running (the simulator does not know the guest's platform).
 */
@ApplicationScoped
class KvmAgentSimulator {
    static final String PREFIX = "/zstack/simulator/kvm";
    static final String GUEST_TOOLS_VERSION = "4.6.11";
    private static final Logger LOG = Logger.getLogger(KvmAgentSimulator.class);
    private final AgentConfig config;
    private final ObjectMapper json;
    private final HttpClient client;

    KvmAgentSimulator(AgentConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.client = vertx.createHttpClient();
    }

    void register(@Observes Router router) {
        if (!config.simulator().enabled()) {
            return;
        }
        router.post(PREFIX + HttpKvmAgent.CHANGE_PASSWD).handler(BodyHandler.create(false).setBodyLimit(1 << 20))
                .handler(rc -> serve(rc, this::changePassword));
        router.post(PREFIX + HttpKvmAgent.GUEST_TOOLS_STATE).handler(BodyHandler.create(false).setBodyLimit(1 << 20))
                .handler(rc -> serve(rc, this::guestToolsState));
        LOG.infof("a simulated KVM agent answers under %s", PREFIX);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private void serve(RoutingContext rc, Function<JsonNode, Object> command) {
        String taskUuid = rc.request().getHeader(AgentCall.TASK_UUID);
        String callbackUrl = rc.request().getHeader(AgentCall.CALLBACK_URL);
        if (taskUuid == null) {
            rc.response().setStatusCode(400).end("taskUuid missing in request header");
            return;
        }
        Buffer body = rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
        rc.response().setStatusCode(200).end();
        Object reply;
        try {
            reply = command.apply(json.readTree(body.getBytes()));
        } catch (IOException | RuntimeException e) {
            reply = new AgentMessages.PlainReply(false, "the simulator cannot read the command");
        }
        reply(callbackUrl, taskUuid, reply);
    }

    private void reply(String callbackUrl, String taskUuid, Object reply) {
        try {
            Buffer body = Buffer.buffer(json.writeValueAsBytes(reply));
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(callbackUrl)
                            .putHeader(AgentCall.TASK_UUID, taskUuid)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json"))
                    .compose(request -> request.send(body))
                    .onFailure(e -> LOG.warnf("the simulated agent could not reply to %s: %s", callbackUrl, e));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the simulated agent could not reply to %s: %s", callbackUrl, e);
        }
    }

    private Object changePassword(JsonNode cmd) {
        ObjectNode account = cmd.path("accountPerference").deepCopy();
        account.put("accountPassword", "******");
        LOG.infof("simulated agent: changed the password of %s on VM %s", account.path("userAccount").asText(),
                account.path("vmUuid").asText());
        return json.createObjectNode().put("success", true).set("accountPerference", account);
    }

    private Object guestToolsState(JsonNode cmd) {
        ObjectNode states = json.createObjectNode();
        cmd.path("vmInstanceUuids").forEach(vm -> states.set(vm.asText(), json.createObjectNode()
                .put("qgaRunning", true).put("zsToolsFound", true).put("version", GUEST_TOOLS_VERSION)));
        return json.createObjectNode().put("success", true).set("states", states);
    }
}
