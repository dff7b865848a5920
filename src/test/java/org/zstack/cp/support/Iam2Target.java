package org.zstack.cp.support;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * An IAM2 virtual ID made for one test, and the two kinds of UpdateIAM2VirtualID sent to it without waiting: the
 * one-statement change of the description, and the password change, which runs in a transaction under the row lock.
 */
public final class Iam2Target {
    private static final String PASSWORD = Api.sha512("iam2-target-secret");
    private final Http http = new Http();
    private final String uuid;

    public Iam2Target(String namePrefix) {
        uuid = Fixtures.addVirtualId(namePrefix, PASSWORD);
    }

    public String uuid() {
        return uuid;
    }

    public CompletableFuture<HttpResponse<String>> updateDescription(String description) {
        return http.put(path(), "{\"updateIAM2VirtualID\": {\"description\": \"" + description + "\"}}");
    }

    public CompletableFuture<HttpResponse<String>> updatePassword() {
        return http.put(path(), "{\"updateIAM2VirtualID\": {\"password\": \"" + Api.sha512("other")
                + "\", \"oldPassword\": \"" + PASSWORD + "\"}}");
    }

    private String path() {
        return "/zstack/v1/iam2/virtual-ids/" + uuid + "/actions";
    }
}
