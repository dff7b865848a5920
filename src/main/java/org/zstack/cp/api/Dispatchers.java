package org.zstack.cp.api;

import jakarta.inject.Singleton;

/** Builds the {@link ActionDispatcher}s of the resources, wired to the request reader and the job protocol. */
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

    /** A route whose body names its action by its single top-level key. */
    public ActionDispatcher of(Action<?>... actions) {
        return new ActionDispatcher(this, ActionDispatcher.Body.KEYED, actions);
    }

    /** A route of one action whose body may also leave the key out. */
    public ActionDispatcher single(Action<?> action) {
        return new ActionDispatcher(this, ActionDispatcher.Body.KEY_OPTIONAL, action);
    }

    /** A route without a body (a DELETE): the action takes {@link NoParams} and no tags. */
    public ActionDispatcher bodiless(Action<NoParams> action) {
        return new ActionDispatcher(this, ActionDispatcher.Body.NONE, action);
    }
}
