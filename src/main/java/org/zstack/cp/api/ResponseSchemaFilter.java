package org.zstack.cp.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Adds ZStack's {@code schema} to a success body: always to a query's answer (shaped by {@link QueryReplies}),
 * and to any other inventory reply when the request carries {@code X-JSON-Schema} (any value), as the ZStack SDK's
 * requests do.
 */
public class ResponseSchemaFilter {
    public static final String HEADER = "X-JSON-Schema";

    @ServerResponseFilter
    public void addSchema(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity == null || response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            return;
        }
        if (entity instanceof Replies.Inventories<?> inventories) {
            response.setEntity(QueryReplies.shape(inventories, request.getUriInfo()));
        } else if (request.getHeaders().containsKey(HEADER)) {
            response.setEntity(Replies.withSchema(entity));
        }
    }
}
