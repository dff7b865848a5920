package org.zstack.cp.vm;

import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.agent.KvmAgent;

/**
 * A VM with the agent of the host it runs on, and its guest-tools state as last stored (null when it has none):
 * what every agent call about a VM starts from ({@link AgentBackedUpdate}), read by {@link VmOnHostRepository}.
 */
record VmOnHost(String uuid, VmState state, String platform, String guestOsType, AgentEndpoint agent,
                GuestToolsSnapshot guestTools) {

    KvmAgent.VmRef ref() {
        return new KvmAgent.VmRef(uuid, platform, guestOsType);
    }
}
