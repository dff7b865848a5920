package org.zstack.cp.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One generated request: a valid request of a route, then the mutations applied to it. The generator fills the
 * fields in; {@link BodyMutator} turns {@link #json} into {@link #body}.
 */
final class FuzzCase {
    static final String JSON_TYPE = "application/json;charset=UTF-8";
    final String route;
    String method;
    /** The path before and after the resource UUID; {@link #uuid} is null for a path without one. */
    String pathBefore;
    String uuid;
    String pathAfter = "";
    /** A path used as it is, instead of the three parts above. */
    String rawPath;
    String query = "";
    QuerySpec querySpec;
    ObjectNode json;
    /** The top-level key naming the operation, and whether the path also takes a body without it. */
    String actionKey;
    boolean bareBodyAllowed;
    List<String> otherActionKeys = List.of();
    boolean publicRoute;
    byte[] body;
    String contentType = JSON_TYPE;
    String authorization;
    final List<String> mutations = new ArrayList<>();
    Expect expect;
    /** Rows this request must leave alone unless it succeeds (and even then, with validationOnly). */
    Snapshot snapshot;
    boolean validationOnly;
    Consumer<JsonNode> onSuccess = reply -> { };

    FuzzCase(String route, String method, String pathBefore) {
        this.route = route;
        this.method = method;
        this.pathBefore = pathBefore;
    }

    FuzzCase uuid(String uuid, String pathAfter) {
        this.uuid = uuid;
        this.pathAfter = pathAfter;
        return this;
    }

    FuzzCase body(ObjectNode json) {
        this.json = json;
        return this;
    }

    FuzzCase action(String key, boolean bareBodyAllowed, List<String> others) {
        this.actionKey = key;
        this.bareBodyAllowed = bareBodyAllowed;
        this.otherActionKeys = others;
        return this;
    }

    FuzzCase snapshot(Snapshot snapshot) {
        this.snapshot = snapshot;
        return this;
    }

    FuzzCase onSuccess(Consumer<JsonNode> onSuccess) {
        this.onSuccess = onSuccess;
        return this;
    }

    FuzzCase publicRoute() {
        this.publicRoute = true;
        return this;
    }

    FuzzCase query(QuerySpec spec) {
        this.querySpec = spec;
        return this;
    }

    /** Records a mutation; null means it constrains nothing by itself (the generic properties still hold). */
    void mutated(String what, Expect expectation) {
        mutations.add(what);
        if (unpredictable) {
            return;
        }
        if (contentTypeMutated && expectation != null) {
            if (expectation.authentication()) {
                mutatedUnpredictably(what);
                return;
            }
            expectation = new Expect(expectation.codes(), null, false);
        }
        expect = Expect.merge(expect, expectation);
    }

    /** After a mutation that may change which route answers, no mutation predicts the code any more. */
    void mutatedUnpredictably(String what) {
        mutations.add(what);
        unpredictable = true;
        expect = null;
    }

    /** Another media type may be refused (415) before the body is read, or read as JSON all the same. */
    void mutatedContentType(String what) {
        contentTypeMutated = true;
        if (expect != null && expect.authentication()) {
            mutatedUnpredictably(what);
        } else {
            mutations.add(what);
            expect = expect == null ? null : new Expect(expect.codes(), null, false);
        }
    }

    private boolean unpredictable;
    private boolean contentTypeMutated;

    String path() {
        if (rawPath != null) {
            return rawPath;
        }
        return pathBefore + (uuid == null ? "" : Paths.encodeSegment(uuid)) + pathAfter;
    }

    String target() {
        return path() + (query.isEmpty() ? "" : "?" + query);
    }

    /** The request as a violation report shows it: method, target and the start of the body. */
    String describe() {
        String shownBody = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                .replace("\u0000", "\\u0000");
        String target = target();
        return method + " " + (target.length() > 300 ? target.substring(0, 300) + "..." : target)
                + (body == null ? "" : " body(" + body.length + " B)=" + shownBody)
                + (authorization == null ? " [no Authorization]" : "")
                + " mutations=" + mutations;
    }
}
