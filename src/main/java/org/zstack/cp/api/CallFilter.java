package org.zstack.cp.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/** Reads how the call wants to be run (ZStack's job headers, the route's mode) before the session is checked. */
public class CallFilter {
    private final CurrentCall current;

    public CallFilter(CurrentCall current) {
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void read(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String base = request.getUriInfo().getBaseUri().toString();
        current.holder().set(new Call(null, null, ApiModes.isAsync(resource.getResourceMethod()),
                request.getHeaderString(Call.JOB_UUID), request.getHeaderString(Call.API_TIMEOUT),
                request.getHeaderString(Call.WEB_HOOK), request.getHeaderString(Call.JSON_SCHEMA) != null,
                base.endsWith("/") ? base.substring(0, base.length() - 1) : base, request.getMethod(),
                uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery()));
    }
}
