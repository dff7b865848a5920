package org.zstack.cp.host;

public enum HostState {
    Enabled, Disabled
}
