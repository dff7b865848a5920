package org.zstack.cp.iam2;

public enum Iam2VirtualIdState {
    Enabled, Disabled
}
