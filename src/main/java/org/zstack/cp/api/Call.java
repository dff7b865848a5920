package org.zstack.cp.api;

/**
 * What one HTTP call says about how it wants to be run: the caller's account (null when its session failed, with
 * the failure kept to answer later), whether its route is an async API, and ZStack's job headers as sent.
 */
public record Call(String accountUuid, ApiException authFailure, boolean async, String jobUuid, String apiTimeout,
                   String webHook, boolean jsonSchema, String baseUri, String method, String path) {

    public static final String JOB_UUID = "X-Job-UUID";
    public static final String API_TIMEOUT = "X-API-Timeout";
    public static final String WEB_HOOK = "X-Web-Hook";
    public static final String JSON_SCHEMA = "X-JSON-Schema";

    public Call authenticated(String account) {
        return new Call(account, null, async, jobUuid, apiTimeout, webHook, jsonSchema, baseUri, method, path);
    }

    public Call authenticationFailed(ApiException failure) {
        return new Call(null, failure, async, jobUuid, apiTimeout, webHook, jsonSchema, baseUri, method, path);
    }

    /** An async API called with {@code X-Job-UUID}: it answers 202 and delivers its result through the poll. */
    public boolean asJob() {
        return async && jobUuid != null;
    }
}
