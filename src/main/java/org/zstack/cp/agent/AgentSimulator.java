package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * Answers image-store calls in process, as ZStack's own simulators do, so that dev mode needs no image store:
 * it has 1 TiB, 900 GiB free. (The KVM agent is simulated over HTTP, by callback: {@link KvmAgentSimulator}.)
 */
@ApplicationScoped
@Typed(AgentSimulator.class)
public class AgentSimulator implements ImageStoreAgent {
    static final long TOTAL_CAPACITY = 1L << 40;
    static final long AVAILABLE_CAPACITY = 900L << 30;

    @Override
    public Uni<Capacity> connect(AgentEndpoint agent, String backupStorageUuid, String url) {
        return Uni.createFrom().item(new Capacity(TOTAL_CAPACITY, AVAILABLE_CAPACITY));
    }
}
