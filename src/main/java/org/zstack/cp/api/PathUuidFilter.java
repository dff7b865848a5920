package org.zstack.cp.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/** Every path parameter named {@code uuid} or {@code ...Uuid} must be a ZStack UUID; runs after authentication. */
public class PathUuidFilter {

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void checkPathUuids(UriInfo uriInfo) {
        for (Map.Entry<String, List<String>> param : uriInfo.getPathParameters().entrySet()) {
            String name = param.getKey();
            if (name.equals("uuid") || name.endsWith("Uuid")) {
                param.getValue().forEach(value -> Uuids.check(name, value));
            }
        }
    }
}
