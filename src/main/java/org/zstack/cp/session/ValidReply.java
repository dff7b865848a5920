package org.zstack.cp.session;

public record ValidReply(boolean valid) {
}
