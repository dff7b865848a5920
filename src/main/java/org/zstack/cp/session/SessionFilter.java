package org.zstack.cp.session;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.Call;
import org.zstack.cp.api.CurrentCall;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.api.PublicApi;
import org.zstack.cp.api.Uuids;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code Authorization: OAuth <sessionUuid>} on every API but login, logout and valid; checked before anything else.
 * A call that is to run as an API job keeps its failure for the job protocol, which answers it through the poll.
 */
public class SessionFilter {
    private static final String SCHEME = "OAuth ";
    private final SessionAuthenticator authenticator;
    private final CurrentCall current;

    public SessionFilter(SessionAuthenticator authenticator, CurrentCall current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || resource.getResourceMethod().isAnnotationPresent(PublicApi.class)) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Uni<String> account = header == null || !header.startsWith(SCHEME)
                || !Uuids.isValid(header.substring(SCHEME.length()).trim())
                ? Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_SESSION, 400,
                        "the Authorization header must be 'OAuth <session uuid>'", null))
                : authenticator.authenticate(header.substring(SCHEME.length()).trim());
        AtomicReference<Call> call = current.holder();
        return account.invoke(uuid -> call.updateAndGet(c -> c.authenticated(uuid))).replaceWithVoid()
                .onFailure(ApiException.class).recoverWithUni(failure -> {
                    if (!call.get().asJob()) {
                        return Uni.createFrom().failure(failure);
                    }
                    call.updateAndGet(c -> c.authenticationFailed((ApiException) failure));
                    return Uni.createFrom().voidItem();
                });
    }
}
