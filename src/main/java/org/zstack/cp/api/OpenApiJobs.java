package org.zstack.cp.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;

/**
 * ZStack's API-job protocol in the document: the job headers of every async operation (by {@link ApiModes}), its
 * 202 answer with the poll's location, and the answers of the poll itself.
 */
final class OpenApiJobs {
    static final String POLL_OPERATION = "GetApiJob";

    private OpenApiJobs() {
    }

    static void describe(PathItem.HttpMethod method, Operation operation) {
        addHeader(operation, Call.JSON_SCHEMA, "Any value: the success answer carries `schema`, the ZStack class "
                + "of each object in it", text());
        if (POLL_OPERATION.equals(operation.getOperationId())) {
            describePoll(operation.getResponses());
            return;
        }
        if (!ApiModes.isAsync(method.name(), operation.getOperationId())) {
            return;
        }
        addHeader(operation, Call.JOB_UUID, "Run the API as a job: answered 202 with the poll's location, its "
                + "result then polled. Reused for another request: 400 SYS.1007", OpenApiWireForms.ref(
                OpenApiWireForms.UUID_SCHEMA));
        addHeader(operation, Call.API_TIMEOUT, "The job's deadline in seconds (agent calls included); past it the "
                + "poll answers 503 SYS.1001", text().pattern("^\\s*[0-9]+\\s*$"));
        addHeader(operation, Call.WEB_HOOK, "http(s) URL to which the job's answer is POSTed when it ends, with "
                + "X-Job-UUID and X-Job-Success", text());
        operation.getResponses().addAPIResponse("202", OASFactory.createAPIResponse()
                .description("With X-Job-UUID: the job runs; poll the location with the same session")
                .content(json(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .addProperty("location", text().description("<scheme>://<host>/zstack/v1/api-jobs/<jobUuid>"))
                        .required(List.of("location")))));
    }

    private static void describePoll(APIResponses responses) {
        responses.addAPIResponse("200", OASFactory.createAPIResponse()
                .description("The job succeeded: the API's own success answer")
                .content(json(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .additionalPropertiesBoolean(Boolean.TRUE))));
        responses.addAPIResponse("202", OASFactory.createAPIResponse()
                .description("The job still runs after the poll's wait; poll again")
                .content(json(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT))));
        responses.addAPIResponse("503", OASFactory.createAPIResponse()
                .description("The job failed: the API's own error, with its code and opaque. SYS.1001: the job "
                        + "passed its deadline"));
        responses.addAPIResponse("404", OASFactory.createAPIResponse()
                .description("SYS.1003: no job of this account has that UUID (never submitted, another account's, "
                        + "or expired)").content(json(OpenApiWireForms.ref(OpenApiConventions.ERROR_SCHEMA))));
    }

    private static void addHeader(Operation operation, String name, String description, Schema schema) {
        operation.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(false)
                .description(description).schema(schema));
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static org.eclipse.microprofile.openapi.models.media.Content json(Schema schema) {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(schema));
    }
}
