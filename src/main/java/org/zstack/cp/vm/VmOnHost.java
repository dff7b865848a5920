package org.zstack.cp.vm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.agent.KvmAgent;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.host.HostRepository;

/** A VM with the agent of the host it runs on: what every agent call about a VM starts from. */
record VmOnHost(String uuid, VmState state, String platform, String guestOsType, AgentEndpoint agent) {

    /** Reads the VM and its host in a short session of its own, so that no connection is held across the agent call. */
    static Uni<VmOnHost> load(VmInstanceRepository vms, HostRepository hosts, String vmUuid) {
        return Panache.withSession(() -> vms.require(vmUuid).flatMap(vm -> hosts.findById(vm.hostUuid)
                .onItem().ifNull().failWith(() -> ApiException.notFound("host", vm.hostUuid))
                .map(host -> new VmOnHost(vm.uuid, vm.state, vm.platform, vm.guestOsType, host.agentEndpoint()))));
    }

    KvmAgent.VmRef ref() {
        return new KvmAgent.VmRef(uuid, platform, guestOsType);
    }
}
