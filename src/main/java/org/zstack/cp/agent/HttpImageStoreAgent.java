package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.zstack.cp.api.ApiException;

import java.util.function.UnaryOperator;

@ApplicationScoped
@Typed(HttpImageStoreAgent.class)
public class HttpImageStoreAgent implements ImageStoreAgent {
    private final ImageStoreAgentApi api;
    private final AgentConfig config;
    private final AgentCall calls;

    HttpImageStoreAgent(@RestClient ImageStoreAgentApi api, AgentConfig config, AgentCall calls) {
        this.api = api;
        this.config = config;
        this.calls = calls;
    }

    @Override
    public Uni<Capacity> connect(AgentEndpoint agent, String backupStorageUuid, String url) {
        var cmd = new AgentMessages.ImageStoreConnectCmd(backupStorageUuid, url);
        return calls.run(agent, "/imagestore/connect", cmd, config.timeout(), () -> api.connect(agent.baseUrl(), cmd),
                        UnaryOperator.identity())
                .map(reply -> {
                    Long total = reply.totalCapacity();
                    Long available = reply.availableCapacity();
                    if (total == null || available == null || available < 0 || available > total) {
                        throw ApiException.operationFailure("the agent at " + agent
                                + " (/imagestore/connect) answered an impossible capacity: total " + total
                                + ", available " + available);
                    }
                    return new Capacity(total, available);
                });
    }
}
