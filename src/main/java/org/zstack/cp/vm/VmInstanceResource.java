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

/** The VM instance routes; they share the class path {@code /zstack/v1} with {@link GuestToolsStateResource}. */
@RunsToCompletion
@Path("/zstack/v1")
public class VmInstanceResource {
    private final Dispatchers dispatchers;
    private final VmInstanceService service;
    private final VmPasswordService passwords;

    public VmInstanceResource(VmInstanceService service, VmPasswordService passwords, Dispatchers dispatchers) {
        this.dispatchers = dispatchers;
        this.service = service;
        this.passwords = passwords;
    }

    @Operation(operationId = "CreateVmInstance", summary = "Create a VM record (InstantStart: Running; CreateStopped: Stopped)")
    @APIResponse(responseCode = "200", description = "The inventory; {} with the system tag validationOnly",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = VmApiDocs.VmInstanceReply.class)))
    @POST
    @Path("/vm-instances")
    public Uni<Object> create(
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = VmApiDocs.CreateVmInstanceBody.class))) JsonNode body) {
        return dispatchers.keyed(body, Action.of("params", CreateVmInstanceParams.class, service::create));
    }

    @Operation(operationId = "QueryVmInstance", summary = "Query VM instances")
    @GET
    @Path("/vm-instances")
    public Uni<Replies.Inventories<VmInstanceInventory>> query(@Context UriInfo uri) {
        return service.query(QueryParser.parse(VmInstanceService.FIELDS, uri.getQueryParameters()));
    }

    @Operation(operationId = "GetVmInstance", summary = "One VM instance, or none")
    @GET
    @Path("/vm-instances/{uuid}")
    public Uni<Replies.Inventories<VmInstanceInventory>> get(@PathParam("uuid") String uuid) {
        return service.query(QueryParser.byUuid(VmInstanceService.FIELDS, uuid));
    }

    @Operation(operationId = "DestroyVmInstance", summary = "Destroy a VM record; answers {}")
    @DELETE
    @Path("/vm-instances/{uuid}")
    public Uni<Object> destroy(@PathParam("uuid") String uuid) {
        return dispatchers.bodiless(uuid, Action.bodiless("DestroyVmInstance", service::destroy));
    }

    @Operation(operationId = "VmInstanceActions", summary = "StartVmInstance, StopVmInstance or ChangeVmPassword, by the body key")
    @APIResponse(responseCode = "200", description = "Start and stop answer the inventory; ChangeVmPassword answers {}",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = VmApiDocs.VmInstanceReply.class)))
    @APIResponse(responseCode = "503", description = "VM.1010: ChangeVmPassword on a VM that is not Running. SYS.1006: the KVM agent failed or cannot be reached (details carry its error, passwords masked). SYS.1001: the agent did not answer in time. SYS.1007: no known action key, or two.")
    @PUT
    @Path("/vm-instances/{uuid}/actions")
    public Uni<Object> act(@PathParam("uuid") String uuid,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = VmApiDocs.VmInstanceActionsBody.class))) JsonNode body) {
        return dispatchers.keyed(uuid, body,
                Action.of("startVmInstance", NoParams.class, service::start),
                Action.of("stopVmInstance", NoParams.class, service::stop),
                Action.of("changeVmPassword", ChangeVmPasswordParams.class, passwords::changePassword));
    }
}
