package org.zstack.cp.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * Dates and UUIDs as ZStack writes them, for the OpenAPI document: every {@code java.time.Instant} becomes the
 * {@code ZStackDate} string, and every plain string field or parameter named {@code uuid} or {@code ...Uuid}
 * (and the items of {@code ...Uuids}) the {@code ZStackUuid} string.
 */
final class OpenApiWireForms {
    static final String DATE_SCHEMA = "ZStackDate";
    static final String UUID_SCHEMA = "ZStackUuid";
    static final String SCHEMAS = "#/components/schemas/";
    /** What SmallRye derives from {@code java.time.Instant}: an ISO date-time, which ZStack does not write. */
    private static final String INSTANT = "Instant";

    private OpenApiWireForms() {
    }

    static void describe(Components components) {
        components.addSchema(DATE_SCHEMA, OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .pattern(ZStackJson.DATE_REGEX).description("A date in the service's time zone as ZStack writes it, "
                        + "MMM d, yyyy h:mm:ss a (en-US), for example Nov 14, 2017 2:20:57 PM"));
        components.addSchema(UUID_SCHEMA, OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .pattern(Uuids.REGEX).description("A ZStack UUID: 32 lowercase hex characters, no dashes"));
        components.removeSchema(INSTANT);
        Map.copyOf(components.getSchemas()).forEach((name, schema) ->
                components.addSchema(name, applied(null, schema)));
    }

    static Schema ref(String component) {
        return OASFactory.createSchema().ref(SCHEMAS + component);
    }

    /** The schema of the field or parameter {@code name} (null for none), with the ZStack forms applied. */
    static Schema applied(String name, Schema schema) {
        if (schema == null) {
            return null;
        }
        if ((SCHEMAS + INSTANT).equals(schema.getRef())) {
            return ref(DATE_SCHEMA);
        }
        if (name != null && (name.equals("uuid") || name.endsWith("Uuid")) && isPlainString(schema)) {
            return ref(UUID_SCHEMA);
        }
        if (schema.getItems() != null) {
            schema.setItems(applied(name != null && name.endsWith("Uuids") ? "uuid" : null, schema.getItems()));
        }
        if (schema.getProperties() != null) {
            Map.copyOf(schema.getProperties()).forEach((field, property) ->
                    schema.addProperty(field, applied(field, property)));
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            schema.setAdditionalPropertiesSchema(applied(null, schema.getAdditionalPropertiesSchema()));
        }
        return schema;
    }

    private static boolean isPlainString(Schema schema) {
        return schema.getRef() == null && List.of(Schema.SchemaType.STRING).equals(schema.getType())
                && schema.getPattern() == null && schema.getEnumeration() == null;
    }
}
