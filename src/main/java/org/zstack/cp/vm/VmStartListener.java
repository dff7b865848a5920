package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;

/** Told, inside the start transaction, that a VM now runs on a host; other packages keep their records with it. */
public interface VmStartListener {
    Uni<Void> vmStarted(String vmUuid, String hostUuid);
}
