package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/**
 * How {@code null} is read, as a ZStack client expects (its Java SDK leaves null fields out, so null = not given):
 * <ul>
 * <li>{@code "systemTags": null}, {@code "userTags": null}, and any optional field such as {@code "description":
 * null}: not given (no tags; the field is left as it is on an update, and empty on a create);</li>
 * <li>a {@code null} body, or no body: not a JSON object, 400 SYS.1007;</li>
 * <li>{@code null} for the action or {@code params} object ({@code {"updateTpm": null}}): the object every
 * request needs is missing, 503 SYS.1007;</li>
 * <li>a required field that is null: 503 SYS.1007, as when it is absent.</li>
 * </ul>
 * Each case runs on the five update APIs and on creates. A request that passes its parameter checks reaches the
 * existence check, so a resource that does not exist (SYS.1003) shows that the null was accepted.
 */
@QuarkusTest
class NullFieldsTest {
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";

    /** One update API: its path for a resource and the body of its action around the given fields. */
    record Update(String name, String path, String key, String requiredFields) {
        String body(String extraFields) {
            String fields = requiredFields + (requiredFields.isEmpty() || extraFields.isEmpty() ? "" : ", ")
                    + extraFields;
            return "{\"" + key + "\": {" + fields + "}}";
        }
    }

    private static final List<Update> UPDATES = List.of(
            new Update("UpdateTpm", "/zstack/v1/tpms", "updateTpm", "\"tpmUuid\": \"" + UNKNOWN + "\""),
            new Update("ChangeVmPassword", "/zstack/v1/vm-instances/" + UNKNOWN + "/actions", "changeVmPassword",
                    "\"account\": \"root\", \"password\": \"Pa55word\""),
            new Update("UpdateGuestToolsState", "/zstack/v1/vm-instances/" + UNKNOWN + "/guesttools-state",
                    "updateGuestToolsState", ""),
            new Update("UpdateIAM2VirtualID", "/zstack/v1/iam2/virtual-ids/" + UNKNOWN + "/actions",
                    "updateIAM2VirtualID", "\"name\": \"n\""),
            new Update("UpdateImageStoreBackupStorage", "/zstack/v1/backup-storage/image-store/" + UNKNOWN
                    + "/actions", "updateImageStoreBackupStorage", "\"name\": \"n\""));

    private static ValidatableResponse put(Update update, String body) {
        return Api.as().body(body).put(update.path()).then();
    }

    @Test
    void nullTagsAndANullDescriptionAreNotGivenOnEveryUpdate() {
        for (Update update : UPDATES) {
            for (String nulls : new String[]{"\"systemTags\": null", "\"userTags\": null",
                    "\"description\": null", "\"systemTags\": null, \"userTags\": null"}) {
                put(update, update.body(nulls)).statusCode(503).body("error.code", equalTo("SYS.1003"));
                String topLevel = update.body("").replaceFirst("}$", ", " + nulls + "}");
                put(update, topLevel).statusCode(503).body("error.code", equalTo("SYS.1003"));
            }
        }
    }

    @Test
    void aNullOrMissingBodyGets400Sys1007OnEveryUpdate() {
        for (Update update : UPDATES) {
            put(update, "null").statusCode(400).body("error.code", equalTo("SYS.1007"))
                    .body("error.details", equalTo("the body must be a JSON object"));
            Api.as().put(update.path()).then().statusCode(400).body("error.code", equalTo("SYS.1007"));
        }
    }

    @Test
    void aNullActionObjectGets503Sys1007OnEveryUpdate() {
        for (Update update : UPDATES) {
            put(update, "{\"" + update.key() + "\": null}").statusCode(503)
                    .body("error.code", equalTo("SYS.1007"))
                    .body("error.details", equalTo("field [" + update.key() + "] is required"));
        }
    }

    @Test
    void onCreatesNullTagsAndDescriptionAreNotGivenAndNullParamsOrBodyAreRejected() {
        String name = "null-" + UUID.randomUUID().toString().substring(0, 8);
        String uuid = Api.as().body("{\"params\": {\"name\": \"" + name + "\", \"password\": \""
                        + Api.sha512("null-test") + "\", \"description\": null}, \"systemTags\": null, "
                        + "\"userTags\": null}")
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200)
                .body("inventory.description", equalTo(null)).extract().path("inventory.uuid");
        org.assertj.core.api.Assertions.assertThat(Db.count("SELECT count(*) FROM user_tag WHERE resource_uuid = $1",
                uuid) + Db.count("SELECT count(*) FROM system_tag WHERE resource_uuid = $1", uuid)).isZero();
        for (String path : new String[]{"/zstack/v1/iam2/virtual-ids", "/zstack/v1/tpms",
                "/zstack/v1/vm-instances", "/zstack/v1/backup-storage/image-store"}) {
            Api.as().body("{\"params\": null}").post(path).then().statusCode(503)
                    .body("error.code", equalTo("SYS.1007")).body("error.details", equalTo("field [params] is required"));
            Api.as().body("null").post(path).then().statusCode(400).body("error.code", equalTo("SYS.1007"));
        }
    }

    @Test
    void aNullDescriptionLeavesTheDescriptionAsItIs() {
        String uuid = Api.as().body("{\"params\": {\"name\": \"null-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\", \"password\": \"" + Api.sha512("null-test") + "\", \"description\": \"kept\"}}")
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(200).extract().path("inventory.uuid");
        Api.as().body("{\"updateIAM2VirtualID\": {\"description\": null, \"systemTags\": null}, \"userTags\": null}")
                .put("/zstack/v1/iam2/virtual-ids/" + uuid + "/actions")
                .then().statusCode(200).body("inventory.description", equalTo("kept"));
    }

    @Test
    void aRequiredFieldThatIsNullGets503Sys1007() {
        put(UPDATES.get(1), "{\"changeVmPassword\": {\"account\": \"root\", \"password\": null}}")
                .statusCode(503).body("error.code", equalTo("SYS.1007"));
        Api.as().body("{\"params\": {\"name\": null, \"password\": \"" + Api.sha512("x") + "\"}}")
                .post("/zstack/v1/iam2/virtual-ids").then().statusCode(503).body("error.code", equalTo("SYS.1007"));
    }
}
