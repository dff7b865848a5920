package org.zstack.cp.backupstorage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;
import java.util.List;

@RegisterForReflection
@ZStackClass("org.zstack.storage.backup.imagestore.ImageStoreBackupStorageInventory")
public record ImageStoreBackupStorageInventory(String uuid, String name, String url, String description,
                                               long totalCapacity, long availableCapacity, String type,
                                               BackupStorageState state, BackupStorageStatus status,
                                               Instant createDate, Instant lastOpDate,
                                               List<String> attachedZoneUuids, String hostname, String username,
                                               int sshPort) {
    static ImageStoreBackupStorageInventory of(ImageStoreBackupStorageEntity bs, BackupStorageCapacityEntity capacity,
                                               List<String> zoneUuids) {
        return new ImageStoreBackupStorageInventory(bs.uuid, bs.name, bs.url, bs.description,
                capacity == null ? 0 : capacity.totalCapacity, capacity == null ? 0 : capacity.availableCapacity,
                bs.type, bs.state, bs.status, bs.createDate, bs.lastOpDate, zoneUuids, bs.hostname, bs.username,
                bs.sshPort);
    }
}
