package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.zstack.cp.api.ApiException;

@ApplicationScoped
@Typed(HttpImageStoreAgent.class)
public class HttpImageStoreAgent implements ImageStoreAgent {
    private final AgentConfig config;
    private final AgentCall calls;

    HttpImageStoreAgent(AgentConfig config, AgentCall calls) {
        this.config = config;
        this.calls = calls;
    }

    @Override
    public Uni<Capacity> connect(AgentEndpoint agent, String backupStorageUuid, String url) {
        var cmd = new AgentMessages.ImageStoreConnectCmd(backupStorageUuid, url);
        return calls.run(agent, "/imagestore/connect", cmd, AgentMessages.ImageStoreConnectReply.class,
                        config.timeout(), Scrubber.noSecrets())
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
