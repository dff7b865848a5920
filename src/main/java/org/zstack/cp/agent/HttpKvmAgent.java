package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.zstack.cp.api.Password;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

@ApplicationScoped
@Typed(HttpKvmAgent.class)
public class HttpKvmAgent implements KvmAgent {
    private final KvmAgentApi api;
    private final AgentConfig config;
    private final AgentCall calls;

    HttpKvmAgent(@RestClient KvmAgentApi api, AgentConfig config, AgentCall calls) {
        this.api = api;
        this.config = config;
        this.calls = calls;
    }

    @Override
    public Uni<Void> changePassword(AgentEndpoint host, String vmUuid, String account, Password password) {
        var cmd = new AgentMessages.ChangePasswordCmd(
                new AgentMessages.AccountPreference(account, password.reveal(), vmUuid),
                config.changePasswordTimeout().toSeconds());
        UnaryOperator<String> scrub = text -> text.replace(password.reveal(), Password.MASK);
        return calls.run(host, "/vm/changepasswd", cmd, config.changePasswordTimeout(),
                () -> api.changePassword(host.baseUrl(), cmd), scrub).replaceWithVoid();
    }

    @Override
    public Uni<Map<String, AgentMessages.GuestToolsState>> guestToolsState(AgentEndpoint host, List<VmRef> vms) {
        var cmd = new AgentMessages.GuestToolsStateCmd(vms.stream().map(VmRef::uuid).toList());
        return calls.run(host, "/vm/guesttools/state", cmd, config.timeout(),
                        () -> api.guestToolsState(host.baseUrl(), cmd), UnaryOperator.identity())
                .map(reply -> reply.states() == null ? Map.of() : reply.states());
    }
}
