package org.zstack.cp.tpm;

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

/** {@code /zstack/v1/tpms}: AddTpm, QueryTpm and RemoveTpm by method, and UpdateTpm as the PUT's action. */
@Path("/zstack/v1/tpms")
public class TpmResource {
    private final TpmService service;
    private final ActionDispatcher create;
    private final ActionDispatcher actions;

    public TpmResource(TpmService service, RequestReader reader) {
        this.service = service;
        this.create = ActionDispatcher.of(reader, Action.of("params", AddTpmParams.class,
                request -> service.add(request).map(Replies::inventory)));
        this.actions = ActionDispatcher.of(reader, Action.of("updateTpm", UpdateTpmParams.class,
                request -> service.update(request).map(Replies::inventory)));
    }

    @POST
    public Uni<Object> add(JsonNode body) {
        return create.dispatch(body);
    }

    @PUT
    public Uni<Object> act(JsonNode body) {
        return actions.dispatch(body);
    }

    @GET
    public Uni<Replies.Inventories<TpmInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(TpmService.FIELDS, uri.getQueryParameters()));
    }

    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<TpmInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(TpmService.FIELDS, uuid));
    }

    @DELETE
    @Path("/{uuid}")
    public Uni<Replies.Empty> remove(@PathParam("uuid") String uuid) {
        return service.remove(uuid).map(v -> Replies.empty());
    }
}
