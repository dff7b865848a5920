package org.zstack.cp.job;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.zstack.cp.api.CurrentCall;

/** {@code GET /zstack/v1/api-jobs/{uuid}}: the poll of a ZStack API job. */
@Path("/zstack/v1/api-jobs")
public class ApiJobResource {
    private final ApiJobPolls polls;
    private final CurrentCall call;

    public ApiJobResource(ApiJobPolls polls, CurrentCall call) {
        this.polls = polls;
        this.call = call;
    }

    @Operation(operationId = "GetApiJob", summary = "Poll an API job: 202 {} while it runs, then its answer")
    @GET
    @Path("/{uuid}")
    public Uni<Response> poll(@PathParam("uuid") String uuid) {
        return polls.poll(uuid, call.get().accountUuid());
    }
}
