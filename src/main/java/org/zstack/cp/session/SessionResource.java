package org.zstack.cp.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.zstack.cp.api.Action;
import org.zstack.cp.api.ActionDispatcher;
import org.zstack.cp.api.PublicApi;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.RequestReader;

@Path("/zstack/v1/accounts")
public class SessionResource {
    private final SessionService service;
    private final ActionDispatcher login;

    public SessionResource(SessionService service, RequestReader reader) {
        this.service = service;
        this.login = ActionDispatcher.single(reader, Action.of("logInByAccount", LoginParams.class,
                request -> service.login(request.params()).map(Replies::inventory)));
    }

    @PUT
    @Path("/login")
    @PublicApi
    public Uni<Object> login(JsonNode body) {
        return login.dispatch(body);
    }

    @DELETE
    @Path("/sessions/{uuid}")
    @PublicApi
    public Uni<Replies.Empty> logout(@PathParam("uuid") String uuid) {
        return service.logout(uuid).map(v -> Replies.empty());
    }

    @GET
    @Path("/sessions/{uuid}/valid")
    @PublicApi
    public Uni<ValidReply> valid(@PathParam("uuid") String uuid) {
        return service.valid(uuid).map(ValidReply::new);
    }
}
