package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** The database deadline of a {@code @WithSession} method. */
@WithSession
@Interceptor
@Priority(DeadlineInterceptors.OUTER)
public class SessionDeadlineInterceptor {
    private final DatabaseDeadline deadlines;

    public SessionDeadlineInterceptor(DatabaseDeadline deadlines) {
        this.deadlines = deadlines;
    }

    @AroundInvoke
    Object limit(InvocationContext context) throws Exception {
        return DeadlineInterceptors.outer(deadlines, context);
    }
}
