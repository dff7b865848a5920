package org.zstack.cp.vm;

/** The parameters of an action that takes none ({@code {"startVmInstance": {}}}). */
public record NoParams() {
}
