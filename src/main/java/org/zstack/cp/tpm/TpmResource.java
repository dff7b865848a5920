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

/** {@code /zstack/v1/tpms}: AddTpm, QueryTpm and RemoveTpm by method, and UpdateTpm as the PUT's action. */
@RunsToCompletion
@Path("/zstack/v1/tpms")
public class TpmResource {
    private final Dispatchers dispatchers;
    private final TpmService service;

    public TpmResource(TpmService service, Dispatchers dispatchers) {
        this.dispatchers = dispatchers;
        this.service = service;
    }

    @Operation(operationId = "AddTpm", summary = "Add a TPM to a Stopped VM")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = TpmApiDocs.TpmReply.class)))
    @APIResponse(responseCode = "503", description = "TPM.1701: the VM already has a TPM. TPM.1703: the VM is not Stopped (opaque: support.vm.state).")
    @POST
    public Uni<Object> add(
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = TpmApiDocs.AddTpmBody.class))) JsonNode body) {
        return dispatchers.keyed(body, Action.of("params", AddTpmParams.class, service::add));
    }

    @Operation(operationId = "UpdateTpm", summary = "Change a TPM's key provider, found by TPM or by VM")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = TpmApiDocs.TpmReply.class)))
    @APIResponse(responseCode = "503", description = "Checked in this order: SYS.1007 neither vmInstanceUuid nor tpmUuid; SYS.1003 a given UUID does not exist; SYS.1007 the TPM is not the VM's; TPM.1702 the VM has no TPM; SYS.1007 or SYS.1003 a malformed or unknown keyProviderUuid; TPM.1703 the key provider changes while the VM is not Stopped.")
    @PUT
    public Uni<Object> act(
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = TpmApiDocs.UpdateTpmBody.class))) JsonNode body) {
        return dispatchers.keyed(body, Action.of("updateTpm", UpdateTpmParams.class, service::update));
    }

    @Operation(operationId = "QueryTpm", summary = "Query TPMs, with their host refs")
    @GET
    public Uni<Replies.Inventories<TpmInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(TpmService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetTpm", summary = "One TPM, or none")
    @GET
    @Path("/{uuid}")
    public Uni<Replies.Inventories<TpmInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(TpmService.FIELDS, uuid));
    }

    @Operation(operationId = "RemoveTpm", summary = "Remove a TPM; answers {}")
    @APIResponse(responseCode = "503", description = "TPM.1703: the VM is not Stopped.")
    @DELETE
    @Path("/{uuid}")
    public Uni<Object> remove(@PathParam("uuid") String uuid) {
        return dispatchers.bodiless(uuid, Action.bodiless("RemoveTpm", service::remove));
    }
}
