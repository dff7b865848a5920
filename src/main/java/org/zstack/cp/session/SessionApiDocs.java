package org.zstack.cp.session;

/**
 * The wire shapes of the session APIs, for the OpenAPI document
 * only: the service reads bodies through the action dispatcher. Every body also takes {@code systemTags} and
 * {@code userTags} (added by the OpenAPI filter).
 */
final class SessionApiDocs {
    private SessionApiDocs() {
    }

    record LogInByAccountBody(LoginParams logInByAccount) {
    }

    record SessionReply(SessionInventory inventory) {
    }
}
