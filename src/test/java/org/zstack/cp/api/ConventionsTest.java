package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.zstack.cp.support.ZStackDates.zstackDate;

/** The ZStack wire conventions of DESIGN.md §1, seen through the VM and host APIs. */
@QuarkusTest
class ConventionsTest {
    private String vm;

    @BeforeEach
    void createVm() {
        vm = Fixtures.createVm(Fixtures.addHost(), "InstantStart");
    }

    private static String actions(String uuid) {
        return "/zstack/v1/vm-instances/" + uuid + "/actions";
    }

    @Test
    void malformedJsonGets400Sys1007InAJsonBody() {
        Response r = Api.as().body("{\"stopVmInstance\": {").put(actions(vm));
        r.then().statusCode(400).contentType(startsWith("application/json"))
                .body("error.code", equalTo("SYS.1007"))
                .body("error.description", equalTo(ErrorCode.INVALID_ARGUMENT.description()))
                .body("error.details", containsString("not valid JSON"));
        assertNoStackTrace(r);
        Api.as().body("[1, 2]").put(actions(vm)).then().statusCode(400).body("error.code", equalTo("SYS.1007"));
    }

    @Test
    void aWrongFieldTypeGets400Sys1007() {
        for (String params : new String[]{
                "{'name': 'h', 'managementIp': '10.9.9.1', 'username': 'root', 'password': 'p', 'sshPort': 'abc'}",
                "{'name': 'h', 'managementIp': '10.9.9.1', 'username': 'root', 'password': 'p', 'sshPort': 22.5}",
                "{'name': 'h', 'managementIp': '10.9.9.1', 'username': 'root', 'password': 'p', 'sshPort': 99999999999}",
                "{'name': 123, 'managementIp': '10.9.9.1', 'username': 'root', 'password': 'p'}",
                "{'name': 'h', 'managementIp': '10.9.9.1', 'username': 'root', 'password': ['p']}",
                "{'name': {'a': 1}, 'managementIp': '10.9.9.1', 'username': 'root', 'password': 'p'}"}) {
            Response r = Api.as().body(Api.json("{'params': " + params + "}")).post("/zstack/v1/hosts/kvm");
            r.then().statusCode(400).body("error.code", equalTo("SYS.1007"));
            assertNoStackTrace(r);
        }
        Api.as().body("{\"params\": {}, \"systemTags\": \"notAList\"}").post("/zstack/v1/hosts/kvm")
                .then().statusCode(400).body("error.code", equalTo("SYS.1007"));
    }

    @Test
    void aBrokenParameterRuleGets503Sys1007NamingTheField() {
        Api.as().body(Api.json("{'params': {'managementIp': '10.9.9.2', 'username': 'root', 'password': 'p'}}"))
                .post("/zstack/v1/hosts/kvm")
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("name"));
        Api.as().body(Api.json("{'params': {'name': 'h', 'managementIp': 'not_a host!', 'username': 'root', 'password': 'p'}}"))
                .post("/zstack/v1/hosts/kvm")
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("managementIp"));
    }

    @Test
    void anUnknownActionKeyOrTwoActionKeysGetSys1007() {
        Api.as().body("{\"rebootVmInstance\": {}}").put(actions(vm))
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("startVmInstance"));
        Api.as().body("{\"startVmInstance\": {}, \"stopVmInstance\": {}}").put(actions(vm))
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        Api.as().body("{\"startVmInstance\": {}, \"STARTVMINSTANCE\": {}}").put(actions(vm))
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        Api.as().body("{}").put(actions(vm)).then().statusCode(503).body("error.code", equalTo("SYS.1007"));
    }

    @Test
    void theActionKeyMatchesExactlyAndInAnyCasing() {
        Api.as().body("{\"stopvminstance\": {}}").put(actions(vm))
                .then().statusCode(200).body("inventory.state", equalTo("Stopped"));
        Api.as().body("{\"StartVmInstance\": {}}").put(actions(vm))
                .then().statusCode(200).body("inventory.state", equalTo("Running"));
        Api.as().body("{\"startVmInstance\": {}}").put(actions(vm))
                .then().statusCode(200).body("inventory.state", equalTo("Running"));
    }

    @Test
    void aMalformedUuidInThePathGetsSys1007AndAnUnknownOneSys1003() {
        Api.as().body("{\"stopVmInstance\": {}}").put(actions("6401E6A584B43FCFAEBE401FD07F6F92"))
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        Api.as().body("{\"stopVmInstance\": {}}").put(actions("6401e6a5-84b4-3fcf-aebe-401fd07f6f92"))
                .then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        Api.as().get("/zstack/v1/vm-instances/xyz").then().statusCode(503).body("error.code", equalTo("SYS.1007"));
        Response r = Api.as().body("{\"stopVmInstance\": {}}").put(actions("6401e6a584b43fcfaebe401fd07f6f92"));
        r.then().statusCode(503).body("error.code", equalTo("SYS.1003"))
                .body("error.details", containsString("6401e6a584b43fcfaebe401fd07f6f92"));
        assertNoStackTrace(r);
    }

    @Test
    void anUnknownRouteGets404WithAJsonError() {
        Response r = Api.as().get("/zstack/v1/no-such-resources");
        r.then().statusCode(404).contentType(startsWith("application/json")).body("error.code", equalTo("SYS.1009"));
        assertNoStackTrace(r);
        RestAssured.given().get("/nothing/here").then().statusCode(404).body("error.code", equalTo("SYS.1009"));
        Api.as().body("{}").patch("/zstack/v1/hosts").then().body("error.code", equalTo("SYS.1009"));
    }

    @Test
    void datesAreInZStackFormatAndNullsAreLeftOut() {
        Response r = Api.as().body("{\"stopVmInstance\": {}}").put(actions(vm));
        r.then().statusCode(200)
                .body("inventory.createDate", zstackDate())
                .body("inventory.lastOpDate", zstackDate());
        assertThat(r.asString()).doesNotContain("null").doesNotContain("\"description\"");
    }

    static void assertNoStackTrace(Response r) {
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    }
}
