package org.zstack.cp.tpm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.vm.VmStartListener;

/** When a VM with a TPM starts, records the host it runs on, once per host. */
@ApplicationScoped
public class TpmHostRecorder implements VmStartListener {
    static final String PATH_PREFIX = "/var/lib/zstack/tpm/";
    private final TpmHostRefRepository hostRefs;

    TpmHostRecorder(TpmHostRefRepository hostRefs) {
        this.hostRefs = hostRefs;
    }

    @Override
    public Uni<Void> vmStarted(String vmUuid, String hostUuid) {
        return hostRefs.recordHost(vmUuid, hostUuid, PATH_PREFIX);
    }
}
