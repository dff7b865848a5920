package org.zstack.cp.backupstorage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.zstack.cp.agent.ImageStoreAgent;
import org.zstack.cp.db.TimestampedEntity;

/** What a backup storage holds; written only in the transaction that writes the status it was read with. */
@Entity
@Table(name = "backup_storage_capacity")
public class BackupStorageCapacityEntity extends TimestampedEntity {
    @Id
    @Column(name = "backup_storage_uuid")
    public String backupStorageUuid;

    @Column(name = "total_capacity", nullable = false)
    public long totalCapacity;

    @Column(name = "available_capacity", nullable = false)
    public long availableCapacity;

    @Version
    @Column(nullable = false)
    public long version;

    static BackupStorageCapacityEntity of(String uuid, ImageStoreAgent.Capacity capacity) {
        BackupStorageCapacityEntity row = new BackupStorageCapacityEntity();
        row.backupStorageUuid = uuid;
        row.totalCapacity = capacity.totalCapacity();
        row.availableCapacity = capacity.availableCapacity();
        return row;
    }
}
