package org.zstack.cp.backupstorage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.db.Locks;
import org.zstack.cp.db.Statement;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ImageStoreBackupStorageRepository implements PanacheRepositoryBase<ImageStoreBackupStorageEntity, String> {
    /**
     * UpdateImageStoreBackupStorage in one statement: the {@code backup_storage} row first (its update takes the
     * row lock every writer takes first), then its details, which the second update reaches only through the
     * first's result; a null parameter keeps the column; {@code last_op_date} is the statement's. The unique
     * hostname is the database's. Reads back the row with its capacity and zones.
     */
    private static final String UPDATE = "WITH b AS (UPDATE backup_storage SET "
            + "name = COALESCE($2, name), description = COALESCE($3, description), last_op_date = now() "
            + "WHERE uuid = $1 RETURNING *), "
            + "d AS (UPDATE image_store_backup_storage d SET hostname = COALESCE($4, d.hostname), "
            + "username = COALESCE($5, d.username), password_encrypted = COALESCE($6, d.password_encrypted), "
            + "ssh_port = COALESCE($7, d.ssh_port) FROM b WHERE d.uuid = b.uuid RETURNING d.*) "
            + "SELECT b.uuid, b.name, b.url, b.description, b.type, b.state, b.status, b.create_date, "
            + "b.last_op_date, d.hostname, d.username, d.password_encrypted, d.ssh_port, d.agent_port, "
            + "c.total_capacity, c.available_capacity, c.version, c.create_date AS c_create_date, "
            + "c.last_op_date AS c_last_op_date, "
            + "ARRAY(SELECT z.zone_uuid FROM backup_storage_zone_ref z WHERE z.backup_storage_uuid = b.uuid "
            + "ORDER BY z.id) AS zones "
            + "FROM b JOIN d ON d.uuid = b.uuid LEFT JOIN backup_storage_capacity c ON c.backup_storage_uuid = b.uuid";

    /** What an update writes; a null field keeps the column. */
    record Changes(String name, String description, String hostname, String username, String passwordEncrypted,
                   Integer sshPort) {
    }

    /** A backup storage row with its details, its capacity (null when none) and its zones. */
    record Updated(ImageStoreBackupStorageEntity backupStorage, BackupStorageCapacityEntity capacity,
                   List<String> zoneUuids) {
    }

    /** The updated backup storage; empty when there is none of that UUID. */
    Statement<Updated> update(String uuid, Changes c) {
        return client -> client.preparedQuery(UPDATE)
                .execute(Tuple.from(Arrays.asList(uuid, c.name(), c.description(), c.hostname(), c.username(),
                        c.passwordEncrypted(), c.sshPort())))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<Updated>empty();
                    }
                    Row r = it.next();
                    return Optional.of(new Updated(backupStorage(r), capacity(r), List.of(r.getArrayOfStrings("zones"))));
                });
    }

    /**
     * Every writer of a backup storage, its details, capacity, zones or tags locks its {@code backup_storage}
     * row first, and only that row, so writers queue on one lock and never deadlock. The first read of the row
     * in its transaction, so what it reads is what the lock protects; null when there is no such row.
     */
    Uni<ImageStoreBackupStorageEntity> lockAndFind(String uuid) {
        return lock(uuid).flatMap(found -> found ? findById(uuid) : Uni.createFrom().nullItem());
    }

    /** The lock of {@link #lockAndFind} alone; false when there is no such backup storage. */
    Uni<Boolean> lock(String uuid) {
        return Locks.lock("backup_storage", uuid, Locks.Mode.NO_KEY_UPDATE);
    }

    /**
     * Reconnect's status, in the current session's transaction (after {@link #lockAndFind}). {@code last_op_date}
     * is this statement's start, not the transaction's ({@code now()}): a transaction may begin before another that
     * takes the lock first, so only a time taken under the lock follows the order of the writes. The entity is read
     * again from the row.
     */
    Uni<Void> recordStatus(ImageStoreBackupStorageEntity bs, BackupStorageStatus status) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "UPDATE backup_storage SET status = :status, last_op_date = statement_timestamp() "
                                + "WHERE uuid = :uuid")
                .setParameter("status", status.name())
                .setParameter("uuid", bs.uuid)
                .executeUpdate()
                .flatMap(n -> session.refresh(bs)));
    }

    Uni<Boolean> hostnameTaken(String hostname, String exceptUuid) {
        return count("hostname = ?1 and uuid <> ?2", hostname, exceptUuid == null ? "" : exceptUuid)
                .map(n -> n > 0);
    }

    private static ImageStoreBackupStorageEntity backupStorage(Row r) {
        ImageStoreBackupStorageEntity bs = new ImageStoreBackupStorageEntity();
        bs.uuid = r.getString("uuid");
        bs.name = r.getString("name");
        bs.url = r.getString("url");
        bs.description = r.getString("description");
        bs.type = r.getString("type");
        bs.state = BackupStorageState.valueOf(r.getString("state"));
        bs.status = BackupStorageStatus.valueOf(r.getString("status"));
        bs.createDate = r.getOffsetDateTime("create_date").toInstant();
        bs.lastOpDate = r.getOffsetDateTime("last_op_date").toInstant();
        bs.hostname = r.getString("hostname");
        bs.username = r.getString("username");
        bs.passwordEncrypted = r.getString("password_encrypted");
        bs.sshPort = r.getInteger("ssh_port");
        bs.agentPort = r.getInteger("agent_port");
        return bs;
    }

    private static BackupStorageCapacityEntity capacity(Row r) {
        if (r.getLong("total_capacity") == null) {
            return null;
        }
        BackupStorageCapacityEntity c = new BackupStorageCapacityEntity();
        c.backupStorageUuid = r.getString("uuid");
        c.totalCapacity = r.getLong("total_capacity");
        c.availableCapacity = r.getLong("available_capacity");
        c.version = r.getLong("version");
        c.createDate = r.getOffsetDateTime("c_create_date").toInstant();
        c.lastOpDate = r.getOffsetDateTime("c_last_op_date").toInstant();
        return c;
    }
}
