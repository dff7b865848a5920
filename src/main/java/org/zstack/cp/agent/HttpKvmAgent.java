package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.zstack.cp.api.Password;

import java.util.List;
import java.util.Map;

@ApplicationScoped
@Typed(HttpKvmAgent.class)
public class HttpKvmAgent implements KvmAgent {
    private final AgentConfig config;
    private final AgentCall calls;

    HttpKvmAgent(AgentConfig config, AgentCall calls) {
        this.config = config;
        this.calls = calls;
    }

    @Override
    public Uni<Void> changePassword(AgentEndpoint host, String vmUuid, String account, Password password) {
        var cmd = new AgentMessages.ChangePasswordCmd(
                new AgentMessages.AccountPreference(account, password.reveal(), vmUuid),
                config.changePasswordTimeout().toSeconds());
        return calls.run(host, "/vm/changepasswd", cmd, AgentMessages.PlainReply.class,
                config.changePasswordTimeout(), Scrubber.of(password.reveal())).replaceWithVoid();
    }

    @Override
    public Uni<Map<String, AgentMessages.GuestToolsState>> guestToolsState(AgentEndpoint host, List<VmRef> vms) {
        var cmd = new AgentMessages.GuestToolsStateCmd(vms.stream().map(VmRef::uuid).toList());
        return calls.run(host, "/vm/guesttools/state", cmd, AgentMessages.GuestToolsStateReply.class,
                        config.timeout(), Scrubber.noSecrets())
                .map(reply -> reply.states() == null ? Map.of() : reply.states());
    }
}
