package org.zstack.cp.db;

import io.smallrye.mutiny.Uni;
import jakarta.interceptor.InvocationContext;

/** What the interceptors that put deadlines on {@code @WithTransaction} and {@code @WithSession} methods share. */
final class DeadlineInterceptors {
    static final String KEY = Deadline.class.getName();
    /** Outside Quarkus's own interceptors (priority 200), so the deadline covers opening and committing. */
    static final int OUTER = 100;
    /** Inside them, so that the guard runs within the transaction. */
    static final int INNER = 300;

    private DeadlineInterceptors() {
    }

    static Object outer(DatabaseDeadline deadlines, InvocationContext context) throws Exception {
        if (!Uni.class.isAssignableFrom(context.getMethod().getReturnType())) {
            return context.proceed();
        }
        return deadlines.within(deadline -> {
            context.getContextData().put(KEY, deadline);
            return proceed(context);
        });
    }

    static <T> Uni<T> proceed(InvocationContext context) {
        try {
            @SuppressWarnings("unchecked")
            Uni<T> result = (Uni<T>) context.proceed();
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
