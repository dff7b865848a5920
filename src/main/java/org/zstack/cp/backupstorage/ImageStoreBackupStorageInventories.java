package org.zstack.cp.backupstorage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The inventories of backup storage entities, with their capacity and zones read in two more queries. */
@ApplicationScoped
class ImageStoreBackupStorageInventories {
    private final BackupStorageCapacityRepository capacities;
    private final BackupStorageZoneRefRepository zoneRefs;

    ImageStoreBackupStorageInventories(BackupStorageCapacityRepository capacities,
                                       BackupStorageZoneRefRepository zoneRefs) {
        this.capacities = capacities;
        this.zoneRefs = zoneRefs;
    }

    Uni<ImageStoreBackupStorageInventory> of(ImageStoreBackupStorageEntity bs) {
        return of(List.of(bs)).map(list -> list.get(0));
    }

    Uni<List<ImageStoreBackupStorageInventory>> of(List<ImageStoreBackupStorageEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> uuids = rows.stream().map(bs -> bs.uuid).toList();
        return capacities.of(uuids).flatMap(caps -> zoneRefs.of(uuids).map(refs -> {
            Map<String, BackupStorageCapacityEntity> capacityByUuid = caps.stream()
                    .collect(Collectors.toMap(c -> c.backupStorageUuid, Function.identity()));
            Map<String, List<String>> zonesByUuid = refs.stream().collect(Collectors.groupingBy(
                    r -> r.backupStorageUuid, Collectors.mapping(r -> r.zoneUuid, Collectors.toList())));
            return rows.stream().map(bs -> ImageStoreBackupStorageInventory.of(bs, capacityByUuid.get(bs.uuid),
                    zonesByUuid.getOrDefault(bs.uuid, List.of()))).toList();
        }));
    }
}
