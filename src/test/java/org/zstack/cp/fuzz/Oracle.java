package org.zstack.cp.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.OpenApiContract;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The properties every answer must have (DESIGN.md §1): no 5xx but 503; every error a JSON ZStack error body
 * whose code fits the status; no stack traces and no passwords in answers; and what a mutation is sure to get.
 */
final class Oracle {
    /** A broken property: which one, and the code and details of the answer that broke it. */
    record Violation(String property, String code, String details) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> DESCRIPTIONS = Arrays.stream(ErrorCode.values())
            .collect(Collectors.toMap(ErrorCode::code, ErrorCode::description));
    private static final Set<String> BAD_REQUEST_CODES = Set.of("SYS.1007", "ID.1001");
    private static final Pattern INTERNALS = Pattern.compile(
            "(\\tat |Exception\\b|Exception:|org\\.hibernate|io\\.vertx|io\\.smallrye|java\\.lang|\\.java:\\d+|SQLSTATE|"
                    + "org\\.postgresql|\\bHHH\\d+)");
    private static final List<String> SECRETS = List.of(CaseGenerator.SECRET, Api.sha512(CaseGenerator.SECRET),
            Api.adminPassword(), Api.sha512(Api.adminPassword()));

    List<Violation> check(FuzzCase c, Answer answer) {
        List<Violation> violations = new ArrayList<>();
        int status = answer.status();
        String text = answer.text();
        keepsTheDocument(c, answer).ifPresent(violations::add);
        for (String secret : SECRETS) {
            if (text.contains(secret)) {
                violations.add(new Violation("a password in the answer", "-", BodyMutator.abbreviate(text)));
            }
        }
        String contentType = answer.header("content-type");
        boolean json = contentType != null && contentType.toLowerCase().startsWith("application/json");
        JsonNode body = null;
        try {
            body = answer.body().length == 0 ? null : MAPPER.readTree(answer.body());
        } catch (Exception notJson) {
            // reported below
        }
        if (status >= 200 && status < 300) {
            if (status != 200) {
                violations.add(new Violation("a success other than 200", "-", text));
            }
            if (!json || body == null || !body.isObject()) {
                violations.add(new Violation("a success body that is not a JSON object", "-",
                        "Content-Type " + contentType + ": " + BodyMutator.abbreviate(text)));
            }
            if (c.expect != null) {
                violations.add(new Violation("accepted, expected " + c.expect, "-", BodyMutator.abbreviate(text)));
            }
            return violations;
        }
        JsonNode error = body == null ? null : body.get("error");
        String code = error == null ? "-" : error.path("code").asText("-");
        String details = error == null ? BodyMutator.abbreviate(text) : error.path("details").asText("");
        if (status >= 500 && status != 503) {
            violations.add(new Violation("status " + status, code, details));
        }
        if (!json || error == null || !error.isObject() || !error.path("code").isTextual()
                || !error.path("description").isTextual() || !error.path("details").isTextual()) {
            violations.add(new Violation("an error that is not a ZStack error body (Content-Type " + contentType + ")",
                    code, details));
            return violations;
        }
        String description = DESCRIPTIONS.get(code);
        if (description == null) {
            violations.add(new Violation("an unknown error code", code, details));
        } else if (!description.equals(error.path("description").textValue())) {
            violations.add(new Violation("a description that is not the code's", code,
                    error.path("description").textValue()));
        }
        if (status != 500 && !codeFitsStatus(status, code, answer)) {
            violations.add(new Violation("code " + code + " with status " + status, code, details));
        }
        if (INTERNALS.matcher(details).find()) {
            violations.add(new Violation("internals in the details", code, details));
        }
        // A request too large for the HTTP layer is refused before its session is looked at.
        boolean refusedByTheHttpLayer = status == 413 || status == 414 || status == 431;
        if (c.expect != null && !refusedByTheHttpLayer && !c.expect.admits(status, code)) {
            violations.add(new Violation("expected " + c.expect + ", got " + status, code, details));
        }
        return violations;
    }

    /** The answer as /q/openapi describes it (a target that is not even a URI is not checked). */
    private static Optional<Violation> keepsTheDocument(FuzzCase c, Answer answer) {
        URI uri;
        try {
            uri = URI.create("http://localhost:" + RestAssured.port + c.target());
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new HashMap<>();
        answer.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        try {
            OpenApiContract.check(c.method, uri, answer.status(), headers, answer.text());
            return Optional.empty();
        } catch (AssertionError broken) {
            return Optional.of(new Violation("an answer that breaks /q/openapi", "-", broken.getMessage()));
        }
    }

    private static boolean codeFitsStatus(int status, String code, Answer answer) {
        return switch (status) {
            case 400 -> BAD_REQUEST_CODES.contains(code);
            case 404 -> code.equals("SYS.1009");
            case 405 -> code.equals("SYS.1009") || code.equals("SYS.1007");
            case 413, 414, 415, 431 -> code.equals("SYS.1007");
            case 429 -> code.equals("ID.1000") && answer.header("retry-after") != null;
            case 503 -> !code.equals("SYS.1009") && DESCRIPTIONS.containsKey(code);
            default -> false;
        };
    }
}
