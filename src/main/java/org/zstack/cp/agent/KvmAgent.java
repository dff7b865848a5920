package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import org.zstack.cp.api.Password;

import java.util.List;
import java.util.Map;

/**
 * What the service asks of a host's KVM agent. Failures arrive as ZStack errors: SYS.1006 when the agent
 * failed or could not be reached, SYS.1001 when it did not answer in time.
 */
public interface KvmAgent {
    Uni<Void> changePassword(AgentEndpoint host, String vmUuid, String account, Password password);

    /** The guest-tools state of each VM the agent knows, by VM UUID. */
    Uni<Map<String, AgentMessages.GuestToolsState>> guestToolsState(AgentEndpoint host, List<VmRef> vms);

    /** A VM as the agent call needs it; the simulator answers with its platform and OS type. */
    record VmRef(String uuid, String platform, String osType) {
    }
}
