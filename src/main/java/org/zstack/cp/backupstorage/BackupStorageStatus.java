package org.zstack.cp.backupstorage;

public enum BackupStorageStatus {
    Connecting, Connected, Disconnected
}
