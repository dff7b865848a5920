package org.zstack.cp.backupstorage;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class BackupStorageZoneRefRepository implements PanacheRepositoryBase<BackupStorageZoneRefEntity, Long> {
    Uni<List<BackupStorageZoneRefEntity>> of(Collection<String> uuids) {
        return list("backupStorageUuid in ?1 order by id", uuids);
    }
}
