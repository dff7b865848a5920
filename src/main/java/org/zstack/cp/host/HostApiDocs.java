package org.zstack.cp.host;

/**
 * The wire shapes of the host APIs, for the OpenAPI document
 * only: the service reads bodies through the action dispatcher. Every body also takes {@code systemTags} and
 * {@code userTags} (added by the OpenAPI filter).
 */
final class HostApiDocs {
    private HostApiDocs() {
    }

    record AddKvmHostBody(AddKvmHostParams params) {
    }

    record HostReply(HostInventory inventory) {
    }
}
