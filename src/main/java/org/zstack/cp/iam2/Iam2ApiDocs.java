package org.zstack.cp.iam2;

/**
 * The wire shapes of the IAM2 virtual-ID APIs, for the OpenAPI document
 * only: the service reads bodies through the action dispatcher. Every body also takes {@code systemTags} and
 * {@code userTags} (added by the OpenAPI filter).
 */
final class Iam2ApiDocs {
    private Iam2ApiDocs() {
    }

    record CreateIAM2VirtualIDBody(CreateIam2VirtualIdParams params) {
    }

    /** Exactly one of the action keys, in any casing. */
    record IAM2VirtualIDActionsBody(UpdateIam2VirtualIdParams updateIAM2VirtualID,
                                    ChangeIam2VirtualIdStateParams changeIAM2VirtualIDState) {
    }

    record IAM2VirtualIDReply(Iam2VirtualIdInventory inventory) {
    }
}
