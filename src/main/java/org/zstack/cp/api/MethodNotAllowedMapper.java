package org.zstack.cp.api;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A path that exists, with a method it does not take: 405 SYS.1009 with the {@code Allow} header (RFC 9110). */
public class MethodNotAllowedMapper {
    private final ErrorMapper errors;
    private final AllowedMethods allowed;

    public MethodNotAllowedMapper(MeterRegistry metrics, AllowedMethods allowed) {
        this.errors = new ErrorMapper(metrics);
        this.allowed = allowed;
    }

    @ServerExceptionMapper(priority = 1)
    public Response map(NotAllowedException failure, UriInfo uri, Request request) {
        String allow = allowed.forPath(uri.getPath());
        Response reply = errors.map(new ApiException(ErrorCode.NO_ROUTE, 405, "no API serves "
                + request.getMethod() + " on this path; it takes " + allow, null));
        return Response.fromResponse(reply).header(HttpHeaders.ALLOW, allow).build();
    }
}
