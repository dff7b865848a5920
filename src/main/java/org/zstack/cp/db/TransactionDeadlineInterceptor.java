package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** The database deadline of a {@code @WithTransaction} method. */
@WithTransaction
@Interceptor
@Priority(DeadlineInterceptors.OUTER)
public class TransactionDeadlineInterceptor {
    private final DatabaseDeadline deadlines;

    public TransactionDeadlineInterceptor(DatabaseDeadline deadlines) {
        this.deadlines = deadlines;
    }

    @AroundInvoke
    Object limit(InvocationContext context) throws Exception {
        return DeadlineInterceptors.outer(deadlines, context);
    }
}
