package org.zstack.cp.tag;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.zstack.cp.api.Action;
import org.zstack.cp.api.Dispatchers;
import org.zstack.cp.api.RunsToCompletion;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;

@RunsToCompletion
@Path("/zstack/v1")
public class TagResource {
    private final TagService service;
    private final Dispatchers dispatchers;

    public TagResource(TagService service, Dispatchers dispatchers) {
        this.service = service;
        this.dispatchers = dispatchers;
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

    @Operation(operationId = "DeleteTag", summary = "Delete a system or user tag; answers {}, also for an unknown uuid")
    @Parameter(name = "deleteMode", in = ParameterIn.QUERY, description = "ZStack's deletion mode; a tag is deleted "
            + "alike in both", schema = @Schema(type = SchemaType.STRING, enumeration = {"Permissive", "Enforcing"},
            defaultValue = "Permissive"))
    @DELETE
    @Path("/tags/{uuid}")
    public Uni<Object> delete(@PathParam("uuid") String uuid) {
        return dispatchers.bodiless(uuid, Action.bodiless("DeleteTag", service::delete));
    }
}
