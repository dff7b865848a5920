package org.zstack.cp.api;

/** The parameters of an action that takes none ({@code {"startVmInstance": {}}}). */
public record NoParams() {
}
