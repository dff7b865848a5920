package org.zstack.cp.api;

import jakarta.enterprise.context.RequestScoped;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link Call} of the request being served, filled in by the request filters before the resource runs. Take
 * {@link #holder()} while the request context is active and update it from later stages through that reference.
 */
@RequestScoped
public class CurrentCall {
    private final AtomicReference<Call> call = new AtomicReference<>();

    public Call get() {
        return call.get();
    }

    public AtomicReference<Call> holder() {
        return call;
    }
}
