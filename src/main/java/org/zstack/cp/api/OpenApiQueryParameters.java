package org.zstack.cp.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** The query parameters of every ZStack query operation (those whose id starts with {@code Query}), for OpenAPI. */
final class OpenApiQueryParameters {
    private OpenApiQueryParameters() {
    }

    static boolean isQuery(Operation operation) {
        return operation.getOperationId() != null && operation.getOperationId().startsWith("Query");
    }

    static void addTo(Operation operation) {
        parameters().forEach(operation::addParameter);
    }

    private static List<Parameter> parameters() {
        return List.of(
                query("q", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(text()),
                        "A condition <field><op><value>, repeated for and: ops =, !=, >, <, >=, <=, ?= (in, "
                                + "comma-separated), !?=, ~= (LIKE with %), !~=, and <field> is null / not null")
                        .explode(true).style(Parameter.Style.FORM),
                query("limit", count(), "At most this many inventories (default 1000)"),
                query("start", count(), "Skip this many inventories first (default 0)"),
                query("sort", text(), "+field or -field (ascending by default)"),
                query("replyWithCount", flag(), "true adds total, the number of matches without limit and start"),
                query("count", flag(), "true answers only {\"total\": N}"),
                query("fields", text(), "Comma-separated inventory fields: each inventory carries only these"),
                query("groupBy", text(), "Accepted, as by ZStack, and ignored"),
                query("filterName", text(), "Accepted, as by ZStack, and ignored"));
    }

    private static Parameter query(String name, Schema schema, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).required(false).schema(schema)
                .description(description);
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema count() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(BigDecimal.ZERO);
    }

    private static Schema flag() {
        return OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN);
    }
}
