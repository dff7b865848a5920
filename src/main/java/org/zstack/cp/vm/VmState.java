package org.zstack.cp.vm;

public enum VmState {
    Running, Stopped
}
