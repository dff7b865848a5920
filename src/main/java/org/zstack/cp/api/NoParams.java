package org.zstack.cp.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The parameters of an action that takes none ({@code {"startVmInstance": {}}}). */
@RegisterForReflection
public record NoParams() {
}
