package org.zstack.cp.backupstorage;

public enum BackupStorageState {
    Enabled, Disabled
}
