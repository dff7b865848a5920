package org.zstack.cp.tag;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.db.TransactionSql;

import java.util.List;

/** The table {@code system_tag}. */
@ApplicationScoped
class SystemTagRepository implements PanacheRepositoryBase<SystemTagEntity, String> {
    Uni<Void> attach(TransactionSql transaction, String resourceUuid, String resourceType, List<String> tags) {
        return TagRepository.insert(transaction, "system_tag", resourceUuid, resourceType, tags);
    }

    Uni<Long> detachAll(String resourceUuid) {
        return delete("resourceUuid", resourceUuid);
    }
}
