package org.zstack.cp.api;

import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/**
 * An operation reached by the key of a request body ({@code "startVmInstance"}, or {@code "params"} for a create).
 * A resource's route method declares its actions and hands them to {@link Dispatchers}.
 */
public record Action<P>(String name, Class<P> paramsType, Function<ApiRequest<P>, Uni<?>> handler) {

    public static <P> Action<P> of(String name, Class<P> paramsType, Function<ApiRequest<P>, Uni<?>> handler) {
        return new Action<>(name, paramsType, handler);
    }

    /** The action of a route without a body (a DELETE), handled by the target's UUID alone. */
    public static Action<NoParams> bodiless(String name, Function<String, Uni<?>> handler) {
        return new Action<>(name, NoParams.class, request -> handler.apply(request.targetUuid()));
    }

    Uni<?> handle(String targetUuid, Object params, Tags tags) {
        return handler.apply(new ApiRequest<>(targetUuid, paramsType.cast(params), tags));
    }
}
