package org.zstack.cp.agent;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The image-store agent beside each ImageStore backup storage. */
@RegisterRestClient(configKey = "image-store-agent")
public interface ImageStoreAgentApi {
    @POST
    @Path("/imagestore/connect")
    Uni<AgentMessages.ImageStoreConnectReply> connect(@Url String baseUrl, AgentMessages.ImageStoreConnectCmd cmd);
}
