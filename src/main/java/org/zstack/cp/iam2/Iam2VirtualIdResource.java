package org.zstack.cp.iam2;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.zstack.cp.api.RunsToCompletion;
import org.zstack.cp.api.Action;
import org.zstack.cp.api.OpenApiConventions;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Dispatchers;

@RunsToCompletion
@Path("/zstack/v1/iam2/virtual-ids")
public class Iam2VirtualIdResource {
    private final Dispatchers dispatchers;
    private final Iam2VirtualIdService service;

    public Iam2VirtualIdResource(Iam2VirtualIdService service, Dispatchers dispatchers) {
        this.dispatchers = dispatchers;
        this.service = service;
    }

    @Operation(operationId = "CreateIAM2VirtualID", summary = "Create an IAM2 virtual ID")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = Iam2ApiDocs.IAM2VirtualIDReply.class)))
    @APIResponse(responseCode = "503", description = "SYS.1007: the name is taken.")
    @APIResponse(responseCode = "429", description = OpenApiConventions.BUSY_HASHING)
    @POST
    public Uni<Object> create(
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = Iam2ApiDocs.CreateIAM2VirtualIDBody.class))) JsonNode body) {
        return dispatchers.keyed(body, Action.of("params", CreateIam2VirtualIdParams.class, service::create));
    }

    @Operation(operationId = "QueryIAM2VirtualID", summary = "Query IAM2 virtual IDs")
    @GET
    public Uni<Replies.Inventories<Iam2VirtualIdInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(Iam2VirtualIdService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetIAM2VirtualID", summary = "One IAM2 virtual ID, or none")
    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<Iam2VirtualIdInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(Iam2VirtualIdService.FIELDS, uuid));
    }

    @Operation(operationId = "IAM2VirtualIDActions", summary = "UpdateIAM2VirtualID or ChangeIAM2VirtualIDState, by the body key")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = Iam2ApiDocs.IAM2VirtualIDReply.class)))
    @APIResponse(responseCode = "503", description = "SYS.1007: a rule is broken, or the name is taken. SYS.1006: oldPassword does not match.")
    @APIResponse(responseCode = "429", description = OpenApiConventions.BUSY_HASHING)
    @PUT
    @Path("/{uuid}/actions")
    public Uni<Object> act(@PathParam("uuid") String uuid,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = Iam2ApiDocs.IAM2VirtualIDActionsBody.class))) JsonNode body) {
        return dispatchers.keyed(uuid, body,
                Action.of("updateIAM2VirtualID", UpdateIam2VirtualIdParams.class, service::update),
                Action.of("changeIAM2VirtualIDState", ChangeIam2VirtualIdStateParams.class, service::changeState));
    }

    @Operation(operationId = "DeleteIAM2VirtualID", summary = "Delete an IAM2 virtual ID; answers {}")
    @DELETE
    @Path("/{uuid}")
    public Uni<Object> delete(@PathParam("uuid") String uuid) {
        return dispatchers.bodiless(uuid, Action.bodiless("DeleteIAM2VirtualID", service::delete));
    }
}
