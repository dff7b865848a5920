package org.zstack.cp.host;

public enum HostStatus {
    Connected, Disconnected
}
