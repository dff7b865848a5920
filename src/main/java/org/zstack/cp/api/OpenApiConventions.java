package org.zstack.cp.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Describes the ZStack conventions once for every operation: the error body, the {@code OAuth} session header,
 * the error statuses and codes that any operation can answer, dates and UUIDs as ZStack writes them
 * ({@link OpenApiWireForms}), the query parameters ({@link OpenApiQueryParameters}) and the {@code schema} map that
 * answers may carry. Operations add their own codes with {@code @APIResponse}.
 */
public class OpenApiConventions implements OASFilter {
    static final String ERROR_SCHEMA = "ZStackError";
    static final String SESSION_SCHEME = "OAuth";
    /** For the operations that hash a password (api/RetryLater from secret/PasswordHasher). */
    public static final String BUSY_HASHING = "ID.1000: too many password checks at once; the Retry-After header "
            + "says in how many seconds to try again.";
    private static final String COMMON_400 = "SYS.1007: the body is not JSON, or a field has the wrong type. "
            + "ID.1001: the Authorization header is missing or is not 'OAuth <session uuid>'.";
    private static final String COMMON_503 = "ID.1001: the session is unknown or expired. "
            + "SYS.1007: a parameter breaks its rule, or a UUID in the path is malformed. "
            + "SYS.1003: the resource, or one it refers to, does not exist. "
            + "SYS.1000: the database is unavailable, or concurrent changes kept an update from matching twice "
            + "(nothing was changed; try again). SYS.1001: an agent or the database timed out.";
    private static final String COMMON_500 = "SYS.1000: an unexpected error; the details are in the service log.";
    /** Answered by api/http/HttpGuard before any route is chosen, so on every operation. */
    private static final Map<String, String> HTTP_LAYER = new TreeMap<>(Map.of(
            "408", "SYS.1007: the headers or the body did not arrive in time; the connection is closed.",
            "414", "SYS.1007: the request line is too long.",
            "431", "SYS.1007: the headers are too large."));
    private static final String COMMON_413 = "SYS.1007: the body is too large.";
    private static final String COMMON_415 = "SYS.1007: the Content-Type is not application/json.";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null
                ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSchema(ERROR_SCHEMA, errorSchema());
        components.getSchemas().forEach((name, schema) -> {
            if (name.endsWith("Body")) {
                schema.addProperty("systemTags", tagList("System tags, token or token::value; validationOnly "
                        + "runs every check and writes nothing", TagForm.SYSTEM_REGEX));
                schema.addProperty("userTags", tagList("User tags: free text without control characters", null));
            }
            if (schema.getProperties() != null && (schema.getProperties().containsKey("inventory")
                    || schema.getProperties().containsKey("inventories"))) {
                schema.addProperty("schema", classNames());
            }
        });
        OpenApiWireForms.describe(components);
        components.addSecurityScheme(SESSION_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Authorization")
                .description("OAuth <session uuid>, from PUT /zstack/v1/accounts/login"));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/zstack/v1")) {
                continue;
            }
            path.getValue().getOperations().forEach(OpenApiConventions::describe);
        }
    }

    private static void describe(PathItem.HttpMethod method, Operation operation) {
        boolean isPublic = operation.getOperationId() != null
                && ApiModes.SESSION_OPERATIONS.contains(operation.getOperationId());
        if (!isPublic) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SESSION_SCHEME)));
        }
        APIResponses responses = operation.getResponses() == null
                ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        OpenApiJobs.describe(method, operation);
        if (responses.getAPIResponse("200") == null) {
            responses.addAPIResponse("200", OASFactory.createAPIResponse().description("Success: {}")
                    .content(OASFactory.createContent().addMediaType("application/json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema()
                                    .addType(Schema.SchemaType.OBJECT)))));
        }
        addErrors(method, responses);
        operation.setResponses(responses);
        if (OpenApiQueryParameters.isQuery(operation)) {
            OpenApiQueryParameters.addTo(operation);
        }
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> p.setSchema(
                    OpenApiWireForms.applied(p.getName(), p.getSchema())));
        }
    }

    /** Every error status the operation can answer, each with the ZStack error body. */
    private static void addErrors(PathItem.HttpMethod method, APIResponses responses) {
        addError(responses, "400", COMMON_400);
        addError(responses, "503", COMMON_503);
        addError(responses, "500", COMMON_500);
        HTTP_LAYER.forEach((status, codes) -> addError(responses, status, codes));
        if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.POST) {
            addError(responses, "413", COMMON_413);
            addError(responses, "415", COMMON_415);
        }
        if (responses.getAPIResponse("429") != null) {
            addError(responses, "429", "");
            responses.getAPIResponse("429").addHeader("Retry-After", OASFactory.createHeader().required(true)
                    .description("In how many seconds to try again").schema(OASFactory.createSchema()
                            .addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        }
    }

    private static void addError(APIResponses responses, String status, String commonCodes) {
        APIResponse response = responses.getAPIResponse(status);
        String own = response == null || response.getDescription() == null ? "" : response.getDescription();
        responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description((own + " " + commonCodes).strip())
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OpenApiWireForms.ref(ERROR_SCHEMA)))));
    }

    /** ZStack's {@code X-JSON-Schema} answer: JSON paths of the answer mapped to ZStack class names. */
    private static Schema classNames() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("With X-JSON-Schema: the ZStack class name of the objects at these JSON paths")
                .additionalPropertiesSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static Schema tagList(String description, String pattern) {
        return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).description(description)
                .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(TagForm.MAX_LENGTH)
                        .pattern(pattern));
    }

    private static Schema errorSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The ZStack error code, for example SYS.1007"))
                .addProperty("description", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The fixed text of the code"))
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What exactly was wrong, and with which field"))
                .addProperty("elaboration", text)
                .addProperty("opaque", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT))
                .addProperty("cause", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT))
                .required(List.of("code", "description", "details"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("error", error)
                .required(List.of("error"));
    }
}
