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
import org.zstack.cp.api.Action;
import org.zstack.cp.api.ActionDispatcher;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.RequestReader;

@Path("/zstack/v1/iam2/virtual-ids")
public class Iam2VirtualIdResource {
    private final Iam2VirtualIdService service;
    private final ActionDispatcher create;
    private final ActionDispatcher actions;

    public Iam2VirtualIdResource(Iam2VirtualIdService service, RequestReader reader) {
        this.service = service;
        this.create = ActionDispatcher.of(reader, Action.of("params", CreateIam2VirtualIdParams.class,
                request -> service.create(request).map(Replies::inventory)));
        this.actions = ActionDispatcher.of(reader,
                Action.of("updateIAM2VirtualID", UpdateIam2VirtualIdParams.class,
                        request -> service.update(request).map(Replies::inventory)),
                Action.of("changeIAM2VirtualIDState", ChangeIam2VirtualIdStateParams.class,
                        request -> service.changeState(request).map(Replies::inventory)));
    }

    @POST
    public Uni<Object> create(JsonNode body) {
        return create.dispatch(body);
    }

    @GET
    public Uni<Replies.Inventories<Iam2VirtualIdInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(Iam2VirtualIdService.FIELDS, uri.getQueryParameters()));
    }

    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<Iam2VirtualIdInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(Iam2VirtualIdService.FIELDS, uuid));
    }

    @PUT
    @Path("/{uuid}/actions")
    public Uni<Object> act(@PathParam("uuid") String uuid, JsonNode body) {
        return actions.dispatch(uuid, body);
    }

    @DELETE
    @Path("/{uuid}")
    public Uni<Replies.Empty> delete(@PathParam("uuid") String uuid) {
        return service.delete(uuid).map(v -> Replies.empty());
    }
}
