package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zstack.cp.support.Api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** U+0000 cannot be stored by PostgreSQL: every create, update and query refuses it as SYS.1007 naming the field. */
@QuarkusTest
class NulCharacterTest {
    private static final String NUL = "a\u0000b";

    record Write(String method, String path, Map<String, Object> body, String field) {
        @Override
        public String toString() {
            return method + " " + path + " " + field;
        }
    }

    static Stream<Write> writes() {
        String vm = UUID.randomUUID().toString().replace("-", "");
        String other = UUID.randomUUID().toString().replace("-", "");
        return Stream.of(
                new Write("POST", "/zstack/v1/hosts/kvm", Map.of("params", Map.of("name", NUL,
                        "managementIp", "10.9.9.9", "username", "root", "password", "pw")), "name"),
                new Write("POST", "/zstack/v1/hosts/kvm", Map.of("params", Map.of("name", "h",
                        "managementIp", "10.9.9.9", "username", "root", "password", "pw"),
                        "systemTags", List.of(NUL)), "systemTags"),
                new Write("POST", "/zstack/v1/vm-instances", Map.of("params", Map.of("name", "vm",
                        "hostUuid", vm, "description", NUL)), "description"),
                new Write("POST", "/zstack/v1/key-providers", Map.of("params", Map.of("name", NUL)), "name"),
                new Write("POST", "/zstack/v1/tpms", Map.of("params", Map.of("vmInstanceUuid", vm,
                        "keyProviderUuid", NUL)), "keyProviderUuid"),
                new Write("PUT", "/zstack/v1/tpms", Map.of("updateTpm", Map.of("tpmUuid", other,
                        "keyProviderUuid", NUL)), "keyProviderUuid"),
                new Write("POST", "/zstack/v1/iam2/virtual-ids", Map.of("params", Map.of("name", "v",
                        "password", "password-1", "attributes", List.of(Map.of("name", "k", "value", NUL)))),
                        "attributes[0].value"),
                new Write("PUT", "/zstack/v1/iam2/virtual-ids/" + other + "/actions",
                        Map.of("updateIAM2VirtualID", Map.of("description", NUL)), "description"),
                new Write("POST", "/zstack/v1/backup-storage/image-store", Map.of("params", Map.of("name", "bs",
                        "url", "/data", "hostname", "10.9.9.8", "username", NUL, "password", "pw")), "username"),
                new Write("PUT", "/zstack/v1/backup-storage/image-store/" + other + "/actions",
                        Map.of("updateImageStoreBackupStorage", Map.of("name", NUL)), "name"),
                new Write("PUT", "/zstack/v1/vm-instances/" + vm + "/actions",
                        Map.of("changeVmPassword", Map.of("password", "password-1", "account", NUL)), "account"),
                new Write("PUT", "/zstack/v1/vm-instances/" + vm + "/guesttools-state",
                        Map.of("updateGuestToolsState", Map.of(), "userTags", List.of(NUL)), "userTags"),
                new Write("PUT", "/zstack/v1/accounts/login",
                        Map.of("logInByAccount", Map.of("accountName", NUL, "password", Api.sha512("x"))),
                        "accountName"));
    }

    static Stream<String> queries() {
        return Stream.of("/zstack/v1/hosts", "/zstack/v1/vm-instances", "/zstack/v1/key-providers",
                "/zstack/v1/tpms", "/zstack/v1/iam2/virtual-ids", "/zstack/v1/backup-storage/image-store",
                "/zstack/v1/guesttools", "/zstack/v1/system-tags", "/zstack/v1/user-tags");
    }

    @ParameterizedTest
    @MethodSource("writes")
    void aWriteWithNulIsRefusedNamingTheField(Write write) {
        Response response = Api.as().body(write.body()).request(write.method(), write.path());
        response.then().statusCode(503)
                .body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("[" + write.field() + "]"));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void aQueryWithNulIsRefusedNamingTheParameter(String path) {
        Api.as().queryParam("q", "uuid=" + NUL).get(path).then().statusCode(503)
                .body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("[q]"));
    }
}
