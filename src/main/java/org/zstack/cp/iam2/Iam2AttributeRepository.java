package org.zstack.cp.iam2;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class Iam2AttributeRepository implements PanacheRepositoryBase<Iam2AttributeEntity, String> {
    /** The attributes of the virtual IDs, in the order of the inventory. */
    Uni<List<Iam2AttributeEntity>> of(Collection<String> virtualIdUuids) {
        return list("virtualIdUuid in ?1 order by createDate, uuid", virtualIdUuids);
    }
}
