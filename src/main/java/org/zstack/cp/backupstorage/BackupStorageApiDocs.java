package org.zstack.cp.backupstorage;

import org.zstack.cp.api.NoParams;

/**
 * The wire shapes of the backup-storage APIs, for the OpenAPI document
 * only: the service reads bodies through the action dispatcher. Every body also takes {@code systemTags} and
 * {@code userTags} (added by the OpenAPI filter).
 */
final class BackupStorageApiDocs {
    private BackupStorageApiDocs() {
    }

    record AddImageStoreBackupStorageBody(AddImageStoreBackupStorageParams params) {
    }

    /** Exactly one of the action keys, in any casing; tags may also sit inside the action object. */
    record ImageStoreBackupStorageActionsBody(UpdateImageStoreBackupStorageParams updateImageStoreBackupStorage,
                                             NoParams reconnectImageStoreBackupStorage) {
    }

    record ImageStoreBackupStorageReply(ImageStoreBackupStorageInventory inventory) {
    }
}
