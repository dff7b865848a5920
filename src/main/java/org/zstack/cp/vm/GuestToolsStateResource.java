package org.zstack.cp.vm;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
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
import org.zstack.cp.api.Action;
import org.zstack.cp.api.Dispatchers;
import org.zstack.cp.api.NoParams;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.RunsToCompletion;

/**
 * QueryGuestToolsState under {@code /guesttools}, and UpdateGuestToolsState under the VM's path. Quarkus REST
 * routes a request to the resource classes of the longest class path that matches it, so this class shares
 * {@code /zstack/v1} with {@link VmInstanceResource} rather than take a path of its own below it.
 */
@RunsToCompletion
@Path("/zstack/v1")
public class GuestToolsStateResource {
    private final GuestToolsStateService service;
    private final Dispatchers dispatchers;

    public GuestToolsStateResource(GuestToolsStateService service, Dispatchers dispatchers) {
        this.service = service;
        this.dispatchers = dispatchers;
    }

    @Operation(operationId = "QueryGuestToolsState", summary = "Query guest-tools states")
    @GET
    @Path("/guesttools")
    public Uni<Replies.Inventories<GuestToolsStateInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(GuestToolsStateService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetGuestToolsState", summary = "The guest-tools state of one VM, or none")
    @GET
    @Path("/guesttools/{vmInstanceUuid}")
    public Uni<Replies.Inventories<GuestToolsStateInventory>> get(@PathParam("vmInstanceUuid") String vmInstanceUuid) {
        return service.query(QueryParser.byUuid(GuestToolsStateService.FIELDS, vmInstanceUuid));
    }

    @Operation(operationId = "UpdateGuestToolsState", summary = "Refresh the guest-tools state from the KVM agent")
    @APIResponse(responseCode = "200", description = "The guest-tools state; unchanged when the agent fails",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = VmApiDocs.GuestToolsStateReply.class)))
    @PUT
    @Path("/vm-instances/{vmInstanceUuid}/guesttools-state")
    public Uni<Object> update(@PathParam("vmInstanceUuid") String vmInstanceUuid,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = VmApiDocs.UpdateGuestToolsStateBody.class))) JsonNode body) {
        return dispatchers.single(vmInstanceUuid, body,
                Action.of("updateGuestToolsState", NoParams.class, service::update));
    }
}
