package org.zstack.cp.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.support.OpenApiContract;
import org.zstack.cp.support.OpenApiValidation;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check that every answer of the suite goes through: it is installed for RestAssured, and it tells an answer
 * that keeps the served /q/openapi from one that does not.
 */
@QuarkusTest
class OpenApiContractTest {
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final String ERROR = "{\"error\": {\"code\": \"SYS.1007\", \"description\": \"One or more API "
            + "argument is invalid\", \"details\": \"no\"}}";

    @Test
    void everyRestAssuredCallIsChecked() {
        assertThat(RestAssured.filters()).anyMatch(OpenApiValidation.class::isInstance);
    }

    @Test
    void anAnswerAsTheDocumentDescribesItPasses() {
        assertThatCode(() -> hosts(200, "{\"inventories\": [{\"uuid\": \"" + Uuids.random()
                + "\", \"createDate\": \"Nov 14, 2017 2:20:57 PM\"}], \"total\": 1, \"schema\": {\"inventories\": "
                + "\"org.zstack.header.host.HostInventory\"}}")).doesNotThrowAnyException();
        assertThatCode(() -> hosts(200, "{\"total\": 3}")).doesNotThrowAnyException();
        assertThatCode(() -> hosts(503, ERROR)).doesNotThrowAnyException();
        for (String routedNowhere : new String[]{"/zstack/v1/no-such-thing", "/zstack/v1/HOSTS",
                "/zstack/v1/hosts/..", "/zstack/v1/hosts/%2e%2e"}) {
            assertThatCode(() -> OpenApiContract.check("GET", api(routedNowhere), 404, JSON, ERROR))
                    .as(routedNowhere).doesNotThrowAnyException();
        }
        assertThatCode(() -> OpenApiContract.check("GET", api("/zstack/v1/accounts/sessions/" + Uuids.random()
                + ";jsessionid=1/valid"), 200, JSON, "{\"valid\": false}")).doesNotThrowAnyException();
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeFails() {
        String uuid = Uuids.random();
        assertThatThrownBy(() -> hosts(200, "{\"inventories\": [{\"uuid\": \"" + uuid
                + "\", \"createDate\": \"2017-11-14T14:20:57Z\"}]}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("createDate");
        assertThatThrownBy(() -> hosts(200, "{\"inventories\": [{\"uuid\": \"" + java.util.UUID.randomUUID()
                + "\"}]}")).isInstanceOf(AssertionError.class).hasMessageContaining("uuid");
        assertThatThrownBy(() -> hosts(200, "{\"inventories\": [], \"success\": true}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("success");
        assertThatThrownBy(() -> hosts(418, ERROR)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("418");
        assertThatThrownBy(() -> hosts(503, "{\"message\": \"no\"}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> OpenApiContract.check("GET", api("/zstack/v1/no-such-thing"), 404, JSON,
                "{\"message\": \"Not Found\"}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> OpenApiContract.check("PUT", api("/zstack/v1/accounts/login"), 429, JSON, ERROR))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Retry-After");
    }

    private static void hosts(int status, String body) {
        OpenApiContract.check("GET", api("/zstack/v1/hosts"), status, JSON, body);
    }

    private static URI api(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
