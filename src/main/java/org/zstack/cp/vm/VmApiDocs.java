package org.zstack.cp.vm;

import org.zstack.cp.api.NoParams;

/**
 * The wire shapes of the VM APIs, for the OpenAPI document
 * only: the service reads bodies through the action dispatcher. Every body also takes {@code systemTags} and
 * {@code userTags} (added by the OpenAPI filter).
 */
final class VmApiDocs {
    private VmApiDocs() {
    }

    record CreateVmInstanceBody(CreateVmInstanceParams params) {
    }

    /** Exactly one of the action keys, in any casing. */
    record VmInstanceActionsBody(NoParams startVmInstance, NoParams stopVmInstance,
                                 ChangeVmPasswordParams changeVmPassword) {
    }

    /** The body may be {@code {}}, hold only tags, or name the action {@code updateGuestToolsState}. */
    record UpdateGuestToolsStateBody() {
    }

    record VmInstanceReply(VmInstanceInventory inventory) {
    }

    record GuestToolsStateReply(GuestToolsStateInventory inventory) {
    }
}
