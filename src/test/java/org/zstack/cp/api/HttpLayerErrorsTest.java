package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.RawHttp;
import org.zstack.cp.support.ServiceLog;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Errors that Vert.x, Netty or Quarkus REST answer before any API runs are ZStack error bodies too:
 * 413 (SYS.1007), 414 (SYS.1007), 431 (SYS.1007), 400 for a request Netty cannot parse or a malformed URI
 * (SYS.1007), 405 with {@code Allow} (SYS.1009), 415 (SYS.1007) and 404 (SYS.1009).
 */
@QuarkusTest
class HttpLayerErrorsTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int MIB = 1024 * 1024;

    private static void assertZStackError(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.head()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.head()).startsWith("application/json");
        JsonPath body = JsonPath.from(r.body());
        assertThat(body.getString("error.code")).as(r.body()).isEqualTo(code);
        assertThat(body.getString("error.description")).isNotBlank();
        assertThat(body.getString("error.details")).isNotBlank();
    }

    private static String head(String method, String target, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    @Test
    void aClientThatHangsUpMidBodyIsNoServerError() throws Exception {
        ServiceLog log = ServiceLog.mark();
        try (RawHttp http = RawHttp.connect()) {
            http.send(head("PUT", "/zstack/v1/tpms", "Content-Type: application/json",
                    "Authorization: OAuth " + Api.login(), "Content-Length: 1000") + "{\"updateTpm\": {");
        }
        log.await("closed the connection before its request body was complete", BOUND);
        Api.as().get("/zstack/v1/tpms").then().statusCode(200);
        assertThat(log.errors()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitGets413WithAZStackError() throws Exception {
        try (RawHttp http = RawHttp.connect()) {
            http.send(head("POST", "/zstack/v1/tpms", "Content-Type: application/json",
                    "Content-Length: " + (11 * MIB)));
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) ' ');
            for (int sent = 0; sent < 11 * MIB && !http.ended() && http.send(block); sent += block.length) {
                if (RawHttpResponses.complete(http)) {
                    break;
                }
            }
            assertZStackError(http.awaitResponse(BOUND), 413, "SYS.1007");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitGets413WithAZStackError() throws Exception {
        ServiceLog log = ServiceLog.mark();
        try (RawHttp http = RawHttp.connect()) {
            http.send(head("POST", "/zstack/v1/tpms", "Content-Type: application/json",
                    "Authorization: OAuth " + Api.login(), "Transfer-Encoding: chunked"));
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) ' ');
            String chunkHead = Integer.toHexString(block.length) + "\r\n";
            for (int sent = 0; sent < 12 * MIB && !http.ended(); sent += block.length) {
                if (!http.send(chunkHead) || !http.send(block) || !http.send("\r\n") || RawHttpResponses.complete(http)) {
                    break;
                }
            }
            assertZStackError(http.awaitResponse(BOUND), 413, "SYS.1007");
        }
        assertThat(log.errors()).isEmpty();
    }

    @Test
    void aUrlTooLongGets414WithAZStackError() throws Exception {
        for (int length : new int[]{5_000, 100_000}) {
            try (RawHttp http = RawHttp.connect()) {
                http.send(head("GET", "/zstack/v1/vm-instances?q=name=" + "a".repeat(length)));
                assertZStackError(http.awaitResponse(BOUND), 414, "SYS.1007");
            }
        }
    }

    @Test
    void headersTooLargeGet431WithAZStackError() throws Exception {
        for (int length : new int[]{30_000, 200_000}) {
            try (RawHttp http = RawHttp.connect()) {
                http.send(head("GET", "/zstack/v1/vm-instances", "X-Big: " + "b".repeat(length)));
                assertZStackError(http.awaitResponse(BOUND), 431, "SYS.1007");
            }
        }
    }

    @Test
    void aRequestThatIsNotHttpGets400WithAZStackError() throws Exception {
        try (RawHttp http = RawHttp.connect()) {
            http.send("GET /zstack/v1/vm-instances HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n");
            assertZStackError(http.awaitResponse(BOUND), 400, "SYS.1007");
        }
    }

    @Test
    void aMalformedPercentEncodingGets400WithAZStackError() throws Exception {
        for (String target : new String[]{"/zstack/v1/vm-instances?q=name=%zz", "/zstack/v1/vm-instances?q=name=%",
                "/zstack/v1/vm-instances?%=%", "/zstack/v1/vm-instances?q=name=%E0%A4%A"}) {
            try (RawHttp http = RawHttp.connect()) {
                http.send(head("GET", target, "Authorization: OAuth " + Api.login()));
                assertZStackError(http.awaitResponse(BOUND), 400, "SYS.1007");
            }
        }
    }

    @Test
    void aWrongMethodGets405WithAllowAndAZStackError() {
        Api.as().delete("/zstack/v1/tpms").then().statusCode(405)
                .contentType(startsWith("application/json"))
                .header("Allow", containsString("GET"))
                .header("Allow", containsString("POST"))
                .header("Allow", containsString("PUT"))
                .body("error.code", equalTo("SYS.1009"))
                .body("error.details", containsString("DELETE"));
    }

    @Test
    void anUnsupportedMediaTypeGets415WithAZStackError() {
        Api.as().contentType("application/xml").body("<updateTpm/>").put("/zstack/v1/tpms")
                .then().statusCode(415).contentType(startsWith("application/json"))
                .body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("Content-Type"));
    }

    @Test
    void anUnknownRouteGets404WithAZStackError() {
        RestAssured.given().get("/zstack/v1/no-such-things").then().statusCode(404)
                .contentType(startsWith("application/json")).body("error.code", equalTo("SYS.1009"));
    }

    /** Whether a whole response has arrived, so that a writer can stop sending. */
    static final class RawHttpResponses {
        static boolean complete(RawHttp http) {
            return http.received().contains("\r\n\r\n");
        }
    }
}
