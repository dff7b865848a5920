package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;

/** What the service asks of an image-store agent; failures arrive as ZStack errors, as for {@link KvmAgent}. */
public interface ImageStoreAgent {
    Uni<Capacity> connect(AgentEndpoint agent, String backupStorageUuid, String url);

    record Capacity(long totalCapacity, long availableCapacity) {
    }
}
