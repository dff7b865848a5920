package org.zstack.cp.vm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.zstack.cp.api.ApiException;

@ApplicationScoped
public class VmInstanceRepository implements PanacheRepositoryBase<VmInstanceEntity, String> {
    static final String RESOURCE = "VM instance";

    /** The VM, or a failure with SYS.1003. */
    public Uni<VmInstanceEntity> require(String uuid) {
        return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
    }

    /** The VM locked for update until the transaction ends, or a failure with SYS.1003. */
    public Uni<VmInstanceEntity> requireForUpdate(String uuid) {
        return findById(uuid, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
    }

    /** The VM, locked against state changes until the transaction ends ({@code FOR SHARE}), or SYS.1003. */
    public Uni<VmInstanceEntity> requireForShare(String uuid) {
        return findById(uuid, LockModeType.PESSIMISTIC_READ)
                .onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
    }
}
