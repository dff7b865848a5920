package org.zstack.cp.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Dispatchers;

@RunsToCompletion
@Path("/zstack/v1/hosts")
public class HostResource {
    private final Dispatchers dispatchers;
    private final HostService service;

    public HostResource(HostService service, Dispatchers dispatchers) {
        this.dispatchers = dispatchers;
        this.service = service;
    }

    @Operation(operationId = "AddKVMHost", summary = "Register a KVM host")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = HostApiDocs.HostReply.class)))
    @APIResponse(responseCode = "503", description = "SYS.1007: a host with this management IP exists.")
    @POST
    @Path("/kvm")
    public Uni<Object> add(
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = HostApiDocs.AddKvmHostBody.class))) JsonNode body) {
        return dispatchers.keyed(body, Action.of("params", AddKvmHostParams.class, service::add));
    }

    @Operation(operationId = "QueryHost", summary = "Query hosts")
    @GET
    public Uni<Replies.Inventories<HostInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(HostService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetHost", summary = "One host, or none")
    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<HostInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(HostService.FIELDS, uuid));
    }

    @Operation(operationId = "DeleteHost", summary = "Delete a host; answers {}")
    @APIResponse(responseCode = "503", description = "SYS.1006: the host still has VM instances.")
    @DELETE
    @Path("/{uuid}")
    public Uni<Object> delete(@PathParam("uuid") String uuid) {
        return dispatchers.bodiless(uuid, Action.bodiless("DeleteHost", service::delete));
    }
}
