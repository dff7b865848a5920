package org.zstack.cp.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Routes a request to the action its body names (an {@link ActionDispatcher}), wired to the request reader and the
 * job protocol. A resource's route method names its actions and their service methods right there.
 */
@Singleton
public class Dispatchers {
    final RequestReader reader;
    final CurrentCall current;
    final JobRunner jobs;

    public Dispatchers(RequestReader reader, CurrentCall current, JobRunner jobs) {
        this.reader = reader;
        this.current = current;
        this.jobs = jobs;
    }

    /** A create: the body names its action by its single top-level key ({@code "params"}). */
    public Uni<Object> keyed(JsonNode body, Action<?>... actions) {
        return keyed(null, body, actions);
    }

    /** A route whose body names its action by its single top-level key, one of {@code actions}. */
    public Uni<Object> keyed(String targetUuid, JsonNode body, Action<?>... actions) {
        return new ActionDispatcher(this, ActionDispatcher.Body.KEYED, actions).dispatch(targetUuid, body);
    }

    /** A route of one action whose body may also leave the key out. */
    public Uni<Object> single(JsonNode body, Action<?> action) {
        return single(null, body, action);
    }

    /** A route of one action on a resource whose body may also leave the key out. */
    public Uni<Object> single(String targetUuid, JsonNode body, Action<?> action) {
        return new ActionDispatcher(this, ActionDispatcher.Body.KEY_OPTIONAL, action).dispatch(targetUuid, body);
    }

    /** A route without a body (a DELETE): the action takes {@link NoParams} and no tags. */
    public Uni<Object> bodiless(String targetUuid, Action<NoParams> action) {
        return new ActionDispatcher(this, ActionDispatcher.Body.NONE, action).dispatch(targetUuid, null);
    }
}
