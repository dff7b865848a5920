package org.zstack.cp.vm;

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
import org.zstack.cp.api.Action;
import org.zstack.cp.api.NoParams;
import org.zstack.cp.api.ActionDispatcher;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.RequestReader;

@Path("/zstack/v1/vm-instances")
public class VmInstanceResource {
    private final VmInstanceService service;
    private final ActionDispatcher create;
    private final ActionDispatcher actions;
    private final ActionDispatcher guestToolsState;

    public VmInstanceResource(VmInstanceService service, VmPasswordService passwords,
                              GuestToolsStateService guestTools, RequestReader reader) {
        this.service = service;
        this.create = ActionDispatcher.of(reader, Action.of("params", CreateVmInstanceParams.class,
                request -> service.create(request).map(Replies::inventory)));
        this.actions = ActionDispatcher.of(reader,
                Action.of("startVmInstance", NoParams.class, request -> service.start(request).map(Replies::inventory)),
                Action.of("stopVmInstance", NoParams.class, request -> service.stop(request).map(Replies::inventory)),
                Action.of("changeVmPassword", ChangeVmPasswordParams.class,
                        request -> passwords.changePassword(request).map(v -> Replies.empty())));
        this.guestToolsState = ActionDispatcher.single(reader, Action.of("updateGuestToolsState", NoParams.class,
                request -> guestTools.update(request).map(Replies::inventory)));
    }

    @POST
    public Uni<Object> create(JsonNode body) {
        return create.dispatch(body);
    }

    @GET
    public Uni<Replies.Inventories<VmInstanceInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(VmInstanceService.FIELDS, uri.getQueryParameters()));
    }

    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<VmInstanceInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(VmInstanceService.FIELDS, uuid));
    }

    @DELETE
    @Path("/{uuid}")
    public Uni<Replies.Empty> destroy(@PathParam("uuid") String uuid) {
        return service.destroy(uuid).map(v -> Replies.empty());
    }

    @PUT
    @Path("/{uuid}/actions")
    public Uni<Object> act(@PathParam("uuid") String uuid, JsonNode body) {
        return actions.dispatch(uuid, body);
    }

    @PUT
    @Path("/{vmInstanceUuid}/guesttools-state")
    public Uni<Object> updateGuestToolsState(@PathParam("vmInstanceUuid") String vmInstanceUuid, JsonNode body) {
        return guestToolsState.dispatch(vmInstanceUuid, body);
    }
}
