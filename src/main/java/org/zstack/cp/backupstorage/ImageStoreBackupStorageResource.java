package org.zstack.cp.backupstorage;

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
import org.zstack.cp.api.NoParams;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.RequestReader;

@Path("/zstack/v1/backup-storage")
public class ImageStoreBackupStorageResource {
    private final ImageStoreBackupStorageService service;
    private final ActionDispatcher create;
    private final ActionDispatcher actions;

    public ImageStoreBackupStorageResource(ImageStoreBackupStorageService service, RequestReader reader) {
        this.service = service;
        this.create = ActionDispatcher.of(reader, Action.of("params", AddImageStoreBackupStorageParams.class,
                request -> service.add(request).map(Replies::inventory)));
        this.actions = ActionDispatcher.of(reader,
                Action.of("updateImageStoreBackupStorage", UpdateImageStoreBackupStorageParams.class,
                        request -> service.update(request).map(Replies::inventory)),
                Action.of("reconnectImageStoreBackupStorage", NoParams.class,
                        request -> service.reconnect(request).map(Replies::inventory)));
    }

    @POST
    @Path("/image-store")
    public Uni<Object> add(JsonNode body) {
        return create.dispatch(body);
    }

    @GET
    @Path("/image-store")
    public Uni<Replies.Inventories<ImageStoreBackupStorageInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(ImageStoreBackupStorageService.FIELDS, uri.getQueryParameters()));
    }

    @GET
    @Path("/image-store/{uuid}")
    public Uni<Replies.Inventories<ImageStoreBackupStorageInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(ImageStoreBackupStorageService.FIELDS, uuid));
    }

    @PUT
    @Path("/image-store/{uuid}/actions")
    public Uni<Object> act(@PathParam("uuid") String uuid, JsonNode body) {
        return actions.dispatch(uuid, body);
    }

    @DELETE
    @Path("/{uuid}")
    public Uni<Replies.Empty> delete(@PathParam("uuid") String uuid) {
        return service.delete(uuid).map(v -> Replies.empty());
    }
}
