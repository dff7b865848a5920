package org.zstack.cp.vm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.zstack.cp.api.ApiException;

@ApplicationScoped
public class GuestToolsStateRepository implements PanacheRepositoryBase<GuestToolsStateEntity, String> {

    /** The row locked until the transaction ends ({@code SELECT ... FOR UPDATE}), or SYS.1003. */
    public Uni<GuestToolsStateEntity> requireForUpdate(String vmUuid) {
        return findById(vmUuid, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound(VmInstanceRepository.RESOURCE, vmUuid));
    }
}
