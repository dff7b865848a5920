package org.zstack.cp.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * When a client disconnects, Quarkus cancels the {@code Uni} a resource returned. Cancelling a Hibernate Reactive
 * pipeline inside its transaction leaves the session and its connection in a broken state, so the answer is
 * subscribed to here on its own: the client's cancellation stops only the delivery of the answer, never the work.
 */
@RunsToCompletion
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class RunToCompletionInterceptor {

    @AroundInvoke
    Object runToCompletion(InvocationContext context) throws Exception {
        Object result = context.proceed();
        if (result instanceof Uni<?> uni) {
            return shield(uni);
        }
        return result;
    }

    static <T> Uni<T> shield(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
