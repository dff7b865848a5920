package org.zstack.cp.api;

import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A query's answer as ZStack writes it: always with its {@code schema}; on a collection,
 * {@code count=true} answers the total alone and {@code fields=a,b} trims every inventory to those fields.
 * A GET of one resource by its UUID ignores both, as ZStack does.
 */
final class QueryReplies {
    private QueryReplies() {
    }

    static Replies.Inventories<?> shape(Replies.Inventories<?> reply, UriInfo uri) {
        boolean collection = uri.getPathParameters().isEmpty();
        if (collection && QueryParser.count(uri.getQueryParameters())) {
            return new Replies.Inventories<>(null, reply.total(), new LinkedHashMap<>());
        }
        List<String> fields = collection ? QueryParser.fields(uri.getQueryParameters()) : null;
        Replies.Inventories<?> shaped = fields == null || reply.inventories() == null ? reply
                : new Replies.Inventories<>(reply.inventories().stream().map(i -> project(i, fields)).toList(),
                        reply.total());
        return (Replies.Inventories<?>) Replies.withSchema(shaped);
    }

    private static Object project(Object inventory, List<String> fields) {
        return inventory instanceof Record record ? new Projected(record, fields) : inventory;
    }
}
