package org.zstack.cp.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Picks the operation of a shared URL by the single top-level key of the body, matched in any casing.
 * A dispatcher built with {@link Dispatchers#single} also takes a body without the key. The body must be a JSON
 * object, and the action's object must not be null; null tags and null optional fields are "not given", as the
 * ZStack SDK, which leaves null fields out, means them. An async API called with {@code X-Job-UUID} runs as an API
 * job, so that every error after this point, the session's included, reaches the client through the poll.
 */
final class ActionDispatcher {
    private static final Logger LOG = Logger.getLogger(ActionDispatcher.class);

    enum Body { KEYED, KEY_OPTIONAL, NONE }

    private final Dispatchers wiring;
    private final Map<String, Action<?>> actions = new LinkedHashMap<>();
    private final Body body;

    ActionDispatcher(Dispatchers wiring, Body body, Action<?>... actions) {
        this.wiring = wiring;
        this.body = body;
        for (Action<?> action : actions) {
            this.actions.put(action.name().toLowerCase(Locale.ROOT), action);
        }
    }

    Uni<Object> dispatch(String targetUuid, JsonNode requestBody) {
        Call call = wiring.current.get();
        Supplier<Uni<?>> operation = () -> Uni.createFrom().deferred(() -> route(targetUuid, requestBody));
        if (call != null && call.asJob()) {
            return wiring.jobs.submit(call, requestBody == null ? "" : requestBody.toString(), operation);
        }
        return operation.get().map(Replies::inventory);
    }

    private Uni<?> route(String targetUuid, JsonNode body) {
        if (this.body == Body.NONE) {
            Action<?> action = actions.values().iterator().next();
            return action.handle(targetUuid, new NoParams(), Tags.NONE);
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (actions.containsKey(key.toLowerCase(Locale.ROOT))) {
                keys.add(key);
            }
        }
        if (keys.size() > 1) {
            throw ApiException.invalidArgument("the body names more than one action: " + keys);
        }
        Action<?> action;
        JsonNode paramsNode;
        if (keys.isEmpty()) {
            if (this.body != Body.KEY_OPTIONAL) {
                throw ApiException.invalidArgument("the body names no known action; expected one of "
                        + actions.values().stream().map(Action::name).toList());
            }
            action = actions.values().iterator().next();
            paramsNode = body;
        } else {
            action = actions.get(keys.get(0).toLowerCase(Locale.ROOT));
            paramsNode = body.get(keys.get(0));
            if (paramsNode.isNull()) {
                throw ApiException.invalidArgument("field [" + keys.get(0) + "] is required");
            }
            if (!paramsNode.isObject()) {
                throw ApiException.badRequest("field [" + keys.get(0) + "] has the wrong type; expected an object");
            }
        }
        Tags tags = wiring.reader.tags(body, paramsNode);
        Object params = wiring.reader.read(paramsNode, action.paramsType());
        LOG.debugf("%s %s %s", action.name(), targetUuid == null ? "" : targetUuid, params);
        return action.handle(targetUuid, params, tags);
    }
}
