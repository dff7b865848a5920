package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;

/** A VM that an operation needs, read (and locked) inside its transaction, or SYS.1003 when there is none. */
@ApplicationScoped
public class VmInstanceLookup {
    static final String RESOURCE = "VM instance";
    private final VmInstanceRepository vms;

    VmInstanceLookup(VmInstanceRepository vms) {
        this.vms = vms;
    }

    static ApiException notFound(String uuid) {
        return ApiException.notFound(RESOURCE, uuid);
    }

    public Uni<VmInstanceEntity> require(String uuid) {
        return orNotFound(vms.findById(uuid), uuid);
    }

    /** Locked for update until the transaction ends. */
    public Uni<VmInstanceEntity> requireForUpdate(String uuid) {
        return orNotFound(vms.findForUpdate(uuid), uuid);
    }

    /** Locked against state changes until the transaction ends ({@code FOR SHARE}). */
    public Uni<VmInstanceEntity> requireForShare(String uuid) {
        return orNotFound(vms.findForShare(uuid), uuid);
    }

    private static Uni<VmInstanceEntity> orNotFound(Uni<VmInstanceEntity> vm, String uuid) {
        return vm.onItem().ifNull().failWith(() -> notFound(uuid));
    }
}
