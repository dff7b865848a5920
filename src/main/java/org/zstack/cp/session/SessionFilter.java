package org.zstack.cp.session;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.api.PublicApi;
import org.zstack.cp.api.Uuids;

/** {@code Authorization: OAuth <sessionUuid>} on every API but login, logout and valid; checked before anything else. */
public class SessionFilter {
    private static final String SCHEME = "OAuth ";
    private final SessionAuthenticator authenticator;

    public SessionFilter(SessionAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || resource.getResourceMethod().isAnnotationPresent(PublicApi.class)) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(SCHEME) || !Uuids.isValid(header.substring(SCHEME.length()).trim())) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_SESSION, 400,
                    "the Authorization header must be 'OAuth <session uuid>'", null));
        }
        return authenticator.authenticate(header.substring(SCHEME.length()).trim());
    }
}
