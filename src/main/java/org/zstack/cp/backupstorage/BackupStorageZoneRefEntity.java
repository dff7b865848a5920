package org.zstack.cp.backupstorage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.zstack.cp.db.TimestampedEntity;

@Entity
@Table(name = "backup_storage_zone_ref")
public class BackupStorageZoneRefEntity extends TimestampedEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "backup_storage_uuid", nullable = false)
    public String backupStorageUuid;

    @Column(name = "zone_uuid", nullable = false)
    public String zoneUuid;
}
