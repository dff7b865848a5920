package org.zstack.cp.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;

/**
 * A client that follows the ZStack Java SDK's algorithm ({@code ZSClient.Api.doCall}) exactly: every call carries a
 * fresh {@code X-Job-UUID} and {@code X-JSON-Schema: true}; 200 or 204 is the result; 202 gives a {@code location}
 * that is polled with the same session until 200 (the result) or 503 (the error, read from the body); any other
 * status, of the call or of a poll, is the SDK's generic {@code sdk.1000}, its body kept only as text.
 */
public final class SdkClient {
    public static final String GENERIC_FAILURE = "sdk.1000";
    private static final int MAX_POLLS = 60;
    private final String baseUri;
    private final String session;

    private SdkClient(String baseUri, String session) {
        this.baseUri = baseUri;
        this.session = session;
    }

    /** The in-process service, as the admin (logged in at the first call). */
    public static SdkClient admin() {
        return new SdkClient(null, null);
    }

    public static SdkClient of(String baseUri, String session) {
        return new SdkClient(baseUri, session);
    }

    /** What the SDK hands its caller: the result's body, or the error; and the first reply and poll count. */
    public record Result(int firstStatus, int polls, String jobUuid, JsonPath body, Map<String, Object> error) {
        public boolean ok() {
            return error == null;
        }

        public String errorCode() {
            return error == null ? null : (String) error.get("code");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> opaque() {
            return error == null ? null : (Map<String, Object>) error.get("opaque");
        }
    }

    public Result put(String path, Object body) {
        return call("PUT", path, body, newJobUuid());
    }

    public Result post(String path, Object body) {
        return call("POST", path, body, newJobUuid());
    }

    public Result delete(String path) {
        return call("DELETE", path, null, newJobUuid());
    }

    /** The call with a job UUID of the caller's choosing (the SDK's {@code apiId}). */
    public Result call(String method, String path, Object body, String jobUuid) {
        RequestSpecification request = spec().header("X-Job-UUID", jobUuid);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        Response first = request.request(method, path);
        int status = first.statusCode();
        if (status == 200 || status == 204) {
            return new Result(status, 0, jobUuid, first.jsonPath(), null);
        }
        if (status != 202) {
            return generic(status, 0, jobUuid, first.asString());
        }
        String location = first.jsonPath().getString("location");
        if (location == null) {
            throw new AssertionError("a 202 without a location: " + first.asString());
        }
        return poll(location, jobUuid);
    }

    /** Polls a location as the SDK does, until 200 or 503. */
    public Result poll(String location, String jobUuid) {
        for (int polls = 1; polls <= MAX_POLLS; polls++) {
            Response reply = spec().get(location);
            int status = reply.statusCode();
            if (status == 200) {
                return new Result(202, polls, jobUuid, reply.jsonPath(), null);
            }
            if (status == 503) {
                return new Result(202, polls, jobUuid, reply.jsonPath(), reply.jsonPath().getMap("error"));
            }
            if (status != 202) {
                return generic(status, polls, jobUuid, reply.asString());
            }
        }
        throw new AssertionError("the job at " + location + " did not end within " + MAX_POLLS + " polls");
    }

    private RequestSpecification spec() {
        RequestSpecification spec = RestAssured.given().header("X-JSON-Schema", "true")
                .header("Authorization", "OAuth " + (session != null ? session : Api.sessionUuid()));
        return baseUri == null ? spec : spec.baseUri(baseUri);
    }

    private static Result generic(int status, int polls, String jobUuid, String body) {
        return new Result(status, polls, jobUuid, null, Map.of("code", GENERIC_FAILURE,
                "description", "the http status code[" + status + "] indicates a failure happened", "details", body));
    }

    public static String newJobUuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
