package org.zstack.cp.backupstorage;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.db.Locks;
import org.zstack.cp.db.Statement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class BackupStorageRepositories {
    static final String RESOURCE = "backup storage";

    private BackupStorageRepositories() {
    }

    @ApplicationScoped
    static class ImageStores implements PanacheRepositoryBase<ImageStoreBackupStorageEntity, String> {
        /**
         * Changes the name and description in one statement that locks only the {@code backup_storage} row (the
         * row every writer locks), and reads back the inventory. Empty when there is no such backup storage.
         */
        private static final String UPDATE_NAME_AND_DESCRIPTION = "WITH b AS (UPDATE backup_storage SET "
                + "name = COALESCE($2, name), description = COALESCE($3, description), last_op_date = $4 "
                + "WHERE uuid = $1 RETURNING *) "
                + "SELECT b.uuid, b.name, b.url, b.description, b.type, b.state, b.status, b.create_date, "
                + "b.last_op_date, d.hostname, d.username, d.ssh_port, c.total_capacity, c.available_capacity, "
                + "ARRAY(SELECT z.zone_uuid FROM backup_storage_zone_ref z WHERE z.backup_storage_uuid = b.uuid "
                + "ORDER BY z.id) AS zones "
                + "FROM b JOIN image_store_backup_storage d ON d.uuid = b.uuid "
                + "LEFT JOIN backup_storage_capacity c ON c.backup_storage_uuid = b.uuid";
        Statement<ImageStoreBackupStorageInventory> updateNameAndDescription(String uuid, String name,
                                                                             String description) {
            return client -> client.preparedQuery(UPDATE_NAME_AND_DESCRIPTION)
                    .execute(Tuple.of(uuid, name, description, OffsetDateTime.now(ZoneOffset.UTC)))
                    .map(rows -> {
                        RowIterator<Row> it = rows.iterator();
                        if (!it.hasNext()) {
                            return Optional.<ImageStoreBackupStorageInventory>empty();
                        }
                        Row r = it.next();
                        return Optional.of(new ImageStoreBackupStorageInventory(r.getString("uuid"),
                                r.getString("name"),
                                r.getString("url"), r.getString("description"), longOrZero(r, "total_capacity"),
                                longOrZero(r, "available_capacity"), r.getString("type"),
                                BackupStorageState.valueOf(r.getString("state")),
                                BackupStorageStatus.valueOf(r.getString("status")),
                                r.getOffsetDateTime("create_date").toInstant(),
                                r.getOffsetDateTime("last_op_date").toInstant(),
                                List.of(r.getArrayOfStrings("zones")), r.getString("hostname"),
                                r.getString("username"), r.getInteger("ssh_port")));
                    });
        }

        private static long longOrZero(Row row, String column) {
            Long value = row.getLong(column);
            return value == null ? 0 : value;
        }

        Uni<ImageStoreBackupStorageEntity> require(String uuid) {
            return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
        }

        /**
         * Every writer of a backup storage, its details, capacity, zones or tags locks its {@code backup_storage}
         * row first, and only that row, so writers queue on one lock and never deadlock. The first read of the row
         * in its transaction, so what it reads is what the lock protects.
         */
        Uni<ImageStoreBackupStorageEntity> requireForUpdate(String uuid) {
            return lock(uuid).flatMap(found -> findById(uuid))
                    .onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
        }

        /** The lock of {@link #requireForUpdate} alone; false when there is no such backup storage. */
        Uni<Boolean> lock(String uuid) {
            return Locks.lock("backup_storage", uuid, Locks.Mode.NO_KEY_UPDATE);
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
