package org.zstack.cp.api;

/** 429 with {@code Retry-After}: too many failed logins, or too many password checks at once. */
public final class RetryLater extends ApiException {
    private final long retryAfterSeconds;

    public RetryLater(String reason, long retryAfterSeconds) {
        super(ErrorCode.AUTHENTICATION_FAILED, 429, reason + "; retry after " + Math.max(1, retryAfterSeconds)
                + (retryAfterSeconds > 1 ? " seconds" : " second"), null);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
