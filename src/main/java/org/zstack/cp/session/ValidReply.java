package org.zstack.cp.session;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection

public record ValidReply(boolean valid) {
}
