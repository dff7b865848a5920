package org.zstack.cp.backupstorage;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.zstack.cp.api.ApiException;

import java.util.Collection;
import java.util.List;

final class BackupStorageRepositories {
    static final String RESOURCE = "backup storage";

    private BackupStorageRepositories() {
    }

    @ApplicationScoped
    static class ImageStores implements PanacheRepositoryBase<ImageStoreBackupStorageEntity, String> {
        Uni<ImageStoreBackupStorageEntity> require(String uuid) {
            return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
        }

        /** Every writer of a backup storage, its details or its capacity takes this lock first. */
        Uni<ImageStoreBackupStorageEntity> requireForUpdate(String uuid) {
            return findById(uuid, LockModeType.PESSIMISTIC_WRITE)
                    .onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
        }

        Uni<Boolean> hostnameTaken(String hostname, String exceptUuid) {
            return count("hostname = ?1 and uuid <> ?2", hostname, exceptUuid == null ? "" : exceptUuid)
                    .map(n -> n > 0);
        }
    }

    @ApplicationScoped
    static class Capacities implements PanacheRepositoryBase<BackupStorageCapacityEntity, String> {
        Uni<List<BackupStorageCapacityEntity>> of(Collection<String> uuids) {
            return list("backupStorageUuid in ?1", uuids);
        }
    }

    @ApplicationScoped
    static class ZoneRefs implements PanacheRepositoryBase<BackupStorageZoneRefEntity, String> {
        Uni<List<BackupStorageZoneRefEntity>> of(Collection<String> uuids) {
            return list("backupStorageUuid in ?1 order by id", uuids);
        }
    }
}
