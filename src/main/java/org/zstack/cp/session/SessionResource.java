package org.zstack.cp.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.zstack.cp.api.RunsToCompletion;
import org.zstack.cp.api.Action;
import org.zstack.cp.api.PublicApi;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Dispatchers;

@RunsToCompletion
@Path("/zstack/v1/accounts")
public class SessionResource {
    private final SessionService service;
    private final Dispatchers dispatchers;

    public SessionResource(SessionService service, Dispatchers dispatchers) {
        this.service = service;
        this.dispatchers = dispatchers;
    }

    @Operation(operationId = "LogInByAccount", summary = "Log in with the SHA-512 hex of the password; answers a session")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = SessionApiDocs.SessionReply.class)))
    @APIResponse(responseCode = "503", description = "ID.1000: wrong account name or password. "
            + "SYS.1007: a password of more than 4096 characters.")
    @APIResponse(responseCode = "429", description = "ID.1000: too many failed logins, or too many password checks "
            + "at once; the Retry-After header says in how many seconds to try again.")
    @PUT
    @Path("/login")
    @PublicApi
    public Uni<Object> login(@Context HttpServerRequest http,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = SessionApiDocs.LogInByAccountBody.class))) JsonNode body) {
        String address = ClientAddress.of(http);
        return dispatchers.single(body, Action.of("logInByAccount", LoginParams.class,
                request -> service.login(request.params(), address)));
    }

    @Operation(operationId = "LogOut", summary = "Log out: the session ends; answers {}")
    @DELETE
    @Path("/sessions/{uuid}")
    @PublicApi
    public Uni<Replies.Empty> logout(@PathParam("uuid") String uuid) {
        return service.logout(uuid).map(v -> Replies.empty());
    }

    @Operation(operationId = "ValidateSession", summary = "Whether a session is valid")
    @GET
    @Path("/sessions/{uuid}/valid")
    @PublicApi
    public Uni<ValidReply> valid(@PathParam("uuid") String uuid) {
        return service.valid(uuid).map(ValidReply::new);
    }
}
