package org.zstack.cp.tpm;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.zstack.cp.api.Action;
import org.zstack.cp.api.ActionDispatcher;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.RequestReader;

@Path("/zstack/v1/key-providers")
public class KeyProviderResource {
    private final KeyProviderService service;
    private final ActionDispatcher create;

    public KeyProviderResource(KeyProviderService service, RequestReader reader) {
        this.service = service;
        this.create = ActionDispatcher.of(reader, Action.of("params", AddKeyProviderParams.class,
                request -> service.add(request).map(Replies::inventory)));
    }

    @POST
    public Uni<Object> add(JsonNode body) {
        return create.dispatch(body);
    }

    @GET
    public Uni<Replies.Inventories<KeyProviderInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(KeyProviderService.FIELDS, uri.getQueryParameters()));
    }

    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<KeyProviderInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(KeyProviderService.FIELDS, uuid));
    }

    @DELETE
    @Path("/{uuid}")
    public Uni<Replies.Empty> delete(@PathParam("uuid") String uuid) {
        return service.delete(uuid).map(v -> Replies.empty());
    }
}
