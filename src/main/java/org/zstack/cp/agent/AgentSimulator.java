package org.zstack.cp.agent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.jboss.logging.Logger;
import org.zstack.cp.api.Password;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers agent calls in process, as ZStack's own simulators do, so that dev mode needs no host:
 * password changes succeed, guest tools are installed and running, and an image store has 1 TiB, 900 GiB free.
 */
@ApplicationScoped
@Typed(AgentSimulator.class)
public class AgentSimulator implements KvmAgent, ImageStoreAgent {
    static final String GUEST_TOOLS_VERSION = "4.6.11";
    static final long TOTAL_CAPACITY = 1L << 40;
    static final long AVAILABLE_CAPACITY = 900L << 30;
    private static final Logger LOG = Logger.getLogger(AgentSimulator.class);

    @Override
    public Uni<Void> changePassword(AgentEndpoint host, String vmUuid, String account, Password password) {
        LOG.infof("simulated agent %s: changed the password of %s on VM %s to %s", host, account, vmUuid, password);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Map<String, AgentMessages.GuestToolsState>> guestToolsState(AgentEndpoint host, List<VmRef> vms) {
        return Uni.createFrom().item(vms.stream().collect(Collectors.toMap(VmRef::uuid, vm ->
                new AgentMessages.GuestToolsState(true, true, true, GUEST_TOOLS_VERSION, vm.platform(), vm.osType()),
                (a, b) -> a)));
    }

    @Override
    public Uni<Capacity> connect(AgentEndpoint agent, String backupStorageUuid, String url) {
        return Uni.createFrom().item(new Capacity(TOTAL_CAPACITY, AVAILABLE_CAPACITY));
    }
}
