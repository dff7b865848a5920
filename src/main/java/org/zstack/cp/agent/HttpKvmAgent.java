package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.Password;

import java.util.List;
import java.util.Map;

/**
 * The KVM agent over HTTP, by ZStack's async protocol (see {@link AgentCall#runByCallback}). With the simulator
 * on, the calls go to {@link KvmAgentSimulator} in this application instead of the host's agent.
 */
@ApplicationScoped
public class HttpKvmAgent implements KvmAgent {
    static final String CHANGE_PASSWD = "/vm/changepasswd";
    static final String GUEST_TOOLS_STATE = "/vm/guesttools/state";
    private final AgentConfig config;
    private final AgentCall calls;
    private final CallbackAddress self;

    HttpKvmAgent(AgentConfig config, AgentCall calls, CallbackAddress self) {
        this.config = config;
        this.calls = calls;
        this.self = self;
    }

    @Override
    public Uni<Void> changePassword(AgentEndpoint host, String vmUuid, String account, Password password) {
        var cmd = new AgentMessages.ChangePasswordCmd(
                new AgentMessages.AccountPreference(account, password.reveal(), vmUuid),
                config.changePasswordTimeout().toSeconds());
        return calls.runByCallback(target(host), path(CHANGE_PASSWD), cmd, AgentMessages.PlainReply.class,
                config.changePasswordTimeout(), Scrubber.of(password.reveal())).replaceWithVoid();
    }

    @Override
    public Uni<Map<String, AgentMessages.GuestToolsState>> guestToolsState(AgentEndpoint host, List<VmRef> vms) {
        var cmd = new AgentMessages.GuestToolsStateCmd(vms.stream().map(VmRef::uuid).toList());
        return calls.runByCallback(target(host), path(GUEST_TOOLS_STATE), cmd,
                        AgentMessages.GuestToolsStateReply.class, config.timeout(), Scrubber.noSecrets())
                .map(reply -> reply.states() == null ? Map.of() : reply.states());
    }

    private AgentEndpoint target(AgentEndpoint host) {
        return config.simulator().enabled()
                ? new AgentEndpoint(self.base().getHost(), self.base().getPort())
                : host;
    }

    private String path(String path) {
        return config.simulator().enabled() ? KvmAgentSimulator.PREFIX + path : path;
    }
}
