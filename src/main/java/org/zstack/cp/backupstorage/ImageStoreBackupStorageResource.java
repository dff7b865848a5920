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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.zstack.cp.api.RunsToCompletion;
import org.zstack.cp.api.Action;
import org.zstack.cp.api.NoParams;
import org.zstack.cp.api.QueryParser;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Dispatchers;

@RunsToCompletion
@Path("/zstack/v1/backup-storage")
public class ImageStoreBackupStorageResource {
    private final Dispatchers dispatchers;
    private final ImageStoreBackupStorageService service;
    private final ImageStoreBackupStorageConnections connections;

    public ImageStoreBackupStorageResource(ImageStoreBackupStorageService service,
                                           ImageStoreBackupStorageConnections connections, Dispatchers dispatchers) {
        this.dispatchers = dispatchers;
        this.service = service;
        this.connections = connections;
    }

    @Operation(operationId = "AddImageStoreBackupStorage", summary = "Add an ImageStore backup storage; its agent reports the capacity")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = BackupStorageApiDocs.ImageStoreBackupStorageReply.class)))
    @APIResponse(responseCode = "503", description = "SYS.1006: the image-store agent failed or cannot be reached; nothing is stored. SYS.1007: the hostname is taken.")
    @POST
    @Path("/image-store")
    public Uni<Object> add(
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = BackupStorageApiDocs.AddImageStoreBackupStorageBody.class))) JsonNode body) {
        return dispatchers.keyed(body, Action.of("params", AddImageStoreBackupStorageParams.class, connections::add));
    }

    @Operation(operationId = "QueryImageStoreBackupStorage", summary = "Query ImageStore backup storages")
    @GET
    @Path("/image-store")
    public Uni<Replies.Inventories<ImageStoreBackupStorageInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(ImageStoreBackupStorageService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetImageStoreBackupStorage", summary = "One ImageStore backup storage, or none")
    @GET
    @Path("/image-store/{uuid}")
    public Uni<Replies.Inventories<ImageStoreBackupStorageInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(ImageStoreBackupStorageService.FIELDS, uuid));
    }

    @Operation(operationId = "ImageStoreBackupStorageActions", summary = "UpdateImageStoreBackupStorage or ReconnectImageStoreBackupStorage, by the body key")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = BackupStorageApiDocs.ImageStoreBackupStorageReply.class)))
    @APIResponse(responseCode = "503", description = "SYS.1007: a rule is broken, or the hostname belongs to another backup storage. SYS.1006: the reconnect failed; the status is now Disconnected and the old capacity is kept.")
    @PUT
    @Path("/image-store/{uuid}/actions")
    public Uni<Object> act(@PathParam("uuid") String uuid,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = BackupStorageApiDocs.ImageStoreBackupStorageActionsBody.class))) JsonNode body) {
        return dispatchers.keyed(uuid, body,
                Action.of("updateImageStoreBackupStorage", UpdateImageStoreBackupStorageParams.class, service::update),
                Action.of("reconnectImageStoreBackupStorage", NoParams.class, connections::reconnect));
    }

    @Operation(operationId = "DeleteBackupStorage", summary = "Delete a backup storage; answers {}")
    @DELETE
    @Path("/{uuid}")
    public Uni<Object> delete(@PathParam("uuid") String uuid) {
        return dispatchers.bodiless(uuid, Action.bodiless("DeleteBackupStorage", service::delete));
    }
}
