package org.zstack.cp.vm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class VmInstanceRepository implements PanacheRepositoryBase<VmInstanceEntity, String> {

    /** The VM locked for update until the transaction ends; null when there is none. */
    public Uni<VmInstanceEntity> findForUpdate(String uuid) {
        return findById(uuid, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The VM locked against state changes until the transaction ends ({@code FOR SHARE}); null when there is none. */
    public Uni<VmInstanceEntity> findForShare(String uuid) {
        return findById(uuid, LockModeType.PESSIMISTIC_READ);
    }
}
