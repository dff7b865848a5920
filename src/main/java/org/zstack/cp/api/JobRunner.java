package org.zstack.cp.api;

import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/** Runs an async API as a ZStack API job: the call is answered 202 with the poll's location, the result later. */
public interface JobRunner {
    /**
     * @param call      the call, whose {@link Call#asJob()} holds
     * @param request   what identifies the request besides its method and path (the body's text)
     * @param operation the operation; its item is the service's result, answered as {@link Replies#inventory}
     */
    Uni<Object> submit(Call call, String request, Supplier<Uni<?>> operation);
}
