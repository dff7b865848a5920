package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Inside the transaction of a {@code @WithTransaction} method: it rolls back once its deadline has passed. */
@WithTransaction
@Interceptor
@Priority(DeadlineInterceptors.INNER)
public class TransactionGuardInterceptor {

    @AroundInvoke
    Object guard(InvocationContext context) throws Exception {
        if (!(context.getContextData().get(DeadlineInterceptors.KEY) instanceof Deadline deadline)) {
            return context.proceed();
        }
        return deadline.guardTransaction(() -> DeadlineInterceptors.proceed(context));
    }
}
