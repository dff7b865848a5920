package org.zstack.cp.tag;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.zstack.cp.api.RunsToCompletion;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;

@RunsToCompletion
@Path("/zstack/v1")
public class TagResource {
    private final TagService service;

    public TagResource(TagService service) {
        this.service = service;
    }

    @Operation(operationId = "QuerySystemTag", summary = "Query system tags")
    @GET
    @Path("/system-tags")
    public Uni<Replies.Inventories<SystemTagInventory>> systemTags(@Context UriInfo uri) {
        return service.querySystemTags(QueryParser.parse(TagService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "QueryUserTag", summary = "Query user tags")
    @GET
    @Path("/user-tags")
    public Uni<Replies.Inventories<UserTagInventory>> userTags(@Context UriInfo uri) {
        return service.queryUserTags(QueryParser.parse(TagService.FIELDS, uri.getQueryParameters()));
    }
}
