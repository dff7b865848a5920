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
@Path("/zstack/v1/key-providers")
public class KeyProviderResource {
    private final Dispatchers dispatchers;
    private final KeyProviderService service;

    public KeyProviderResource(KeyProviderService service, Dispatchers dispatchers) {
        this.dispatchers = dispatchers;
        this.service = service;
    }

    @Operation(operationId = "AddKeyProvider", summary = "Add a key provider")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = TpmApiDocs.KeyProviderReply.class)))
    @POST
    public Uni<Object> add(
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = TpmApiDocs.AddKeyProviderBody.class))) JsonNode body) {
        return dispatchers.keyed(body, Action.of("params", AddKeyProviderParams.class, service::add));
    }

    @Operation(operationId = "QueryKeyProvider", summary = "Query key providers")
    @GET
    public Uni<Replies.Inventories<KeyProviderInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(KeyProviderService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetKeyProvider", summary = "One key provider, or none")
    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<KeyProviderInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(KeyProviderService.FIELDS, uuid));
    }

    @Operation(operationId = "DeleteKeyProvider", summary = "Delete a key provider; answers {}")
    @APIResponse(responseCode = "503", description = "SYS.1006: a TPM uses the key provider.")
    @DELETE
    @Path("/{uuid}")
    public Uni<Object> delete(@PathParam("uuid") String uuid) {
        return dispatchers.bodiless(uuid, Action.bodiless("DeleteKeyProvider", service::delete));
    }
}
