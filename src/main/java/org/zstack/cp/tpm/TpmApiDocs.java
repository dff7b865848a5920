package org.zstack.cp.tpm;

/**
 * The wire shapes of the key-provider and TPM APIs, for the OpenAPI document
 * only: the service reads bodies through the action dispatcher. Every body also takes {@code systemTags} and
 * {@code userTags} (added by the OpenAPI filter).
 */
final class TpmApiDocs {
    private TpmApiDocs() {
    }

    record AddKeyProviderBody(AddKeyProviderParams params) {
    }

    record KeyProviderReply(KeyProviderInventory inventory) {
    }

    record AddTpmBody(AddTpmParams params) {
    }

    /** The key in any casing; the API document's {@code updatetpm} works. */
    record UpdateTpmBody(UpdateTpmParams updateTpm) {
    }

    record TpmReply(TpmInventory inventory) {
    }
}
