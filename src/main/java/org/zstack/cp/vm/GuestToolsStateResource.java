package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.zstack.cp.api.RunsToCompletion;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;

/** QueryGuestToolsState; UpdateGuestToolsState lives under {@code /vm-instances} in {@link VmInstanceResource}. */
@RunsToCompletion
@Path("/zstack/v1/guesttools")
public class GuestToolsStateResource {
    private final GuestToolsStateService service;

    public GuestToolsStateResource(GuestToolsStateService service) {
        this.service = service;
    }

    @Operation(operationId = "QueryGuestToolsState", summary = "Query guest-tools states")
    @GET
    public Uni<Replies.Inventories<GuestToolsStateInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(GuestToolsStateService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetGuestToolsState", summary = "The guest-tools state of one VM, or none")
    @GET
    @Path("/{vmInstanceUuid}")
    public Uni<Replies.Inventories<GuestToolsStateInventory>> get(@PathParam("vmInstanceUuid") String vmInstanceUuid) {
        return service.query(QueryParser.byUuid(GuestToolsStateService.FIELDS, vmInstanceUuid));
    }
}
