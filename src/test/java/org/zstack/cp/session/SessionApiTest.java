package org.zstack.cp.session;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;


import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.zstack.cp.support.ZStackDates.zstackDate;

/** Sessions as a client sees them; runs in-process and against the packaged jar ({@link SessionApiIT}). */
@QuarkusTest
class SessionApiTest {
    private static final String ANY_VM = "/zstack/v1/vm-instances/0123456789abcdef0123456789abcdef/actions";

    @Test
    void loginWithSha512OfThePasswordAnswersASessionInventory() {
        Api.logIn("admin", Api.sha512(Api.adminPassword()))
                .then().statusCode(200)
                .body("inventory.uuid", matchesPattern("[0-9a-f]{32}"))
                .body("inventory.accountUuid", matchesPattern("[0-9a-f]{32}"))
                .body("inventory.userUuid", notNullValue())
                .body("inventory.userType", equalTo("AccountVO"))
                .body("inventory.expiredDate", zstackDate())
                .body("inventory.createDate", zstackDate());
    }

    @Test
    void aWrongPasswordGetsId1000() {
        Api.logIn("admin", Api.sha512("not-the-password")).then().statusCode(503)
                .body("error.code", equalTo("ID.1000"));
        Api.logIn("nobody", Api.sha512(Api.adminPassword())).then().statusCode(503)
                .body("error.code", equalTo("ID.1000"));
        Api.logIn("admin", Api.adminPassword()).then().statusCode(503)
                .body("error.code", equalTo("ID.1000"));
    }

    @Test
    void noHeaderOrAMalformedOneGets400Id1001() {
        RestAssured.given().get("/zstack/v1/vm-instances").then().statusCode(400)
                .body("error.code", equalTo("ID.1001"));
        RestAssured.given().header("Authorization", "Bearer " + Api.login()).get("/zstack/v1/vm-instances")
                .then().statusCode(400).body("error.code", equalTo("ID.1001"));
        RestAssured.given().header("Authorization", "OAuth not-a-uuid").get("/zstack/v1/vm-instances")
                .then().statusCode(400).body("error.code", equalTo("ID.1001"));
    }

    @Test
    void anUnknownSessionGets503Id1001() {
        Api.withSession("0123456789abcdef0123456789abcdef").get("/zstack/v1/vm-instances")
                .then().statusCode(503).body("error.code", equalTo("ID.1001"));
    }

    @Test
    void aSessionAfterLogoutGets503Id1001AndIsNotValid() {
        String session = Api.login();
        Api.withSession(session).get("/zstack/v1/vm-instances").then().statusCode(200);
        RestAssured.given().get("/zstack/v1/accounts/sessions/" + session + "/valid")
                .then().statusCode(200).body("valid", equalTo(true));

        RestAssured.given().delete("/zstack/v1/accounts/sessions/" + session).then().statusCode(200);

        Api.withSession(session).get("/zstack/v1/vm-instances")
                .then().statusCode(503).body("error.code", equalTo("ID.1001"));
        RestAssured.given().get("/zstack/v1/accounts/sessions/" + session + "/valid")
                .then().statusCode(200).body("valid", equalTo(false));
    }

    @Test
    void authenticationComesBeforeAnyParameterCheckOrLookup() {
        RestAssured.given().contentType(ContentType.JSON).body("{not json").put(ANY_VM)
                .then().statusCode(400).body("error.code", equalTo("ID.1001"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"startVmInstance\": {}}").put(ANY_VM)
                .then().statusCode(400).body("error.code", equalTo("ID.1001"));
        Api.withSession("0123456789abcdef0123456789abcdef").contentType(ContentType.JSON)
                .body("{\"noSuchAction\": {}}").put("/zstack/v1/vm-instances/not-a-uuid/actions")
                .then().statusCode(503).body("error.code", equalTo("ID.1001"));
    }

}
