package org.zstack.cp.agent;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The KVM agent on each host, reached at {@code http://{managementIp}:{agentPort}}. */
@RegisterRestClient(configKey = "kvm-agent")
public interface KvmAgentApi {
    @POST
    @Path("/vm/changepasswd")
    Uni<AgentMessages.PlainReply> changePassword(@Url String baseUrl, AgentMessages.ChangePasswordCmd cmd);

    @POST
    @Path("/vm/guesttools/state")
    Uni<AgentMessages.GuestToolsStateReply> guestToolsState(@Url String baseUrl, AgentMessages.GuestToolsStateCmd cmd);
}
