package org.zstack.cp.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZStack's {@code schema} of a reply: the JSON path of each ZStack object in it ({@code inventory},
 * {@code inventories[0]}, {@code inventory.attributes[1]}) mapped to the ZStack class named by its
 * {@link ZStackClass}. It walks the reply's records, lists, arrays and maps, parents before their children.
 */
public final class ResponseSchema {
    private ResponseSchema() {
    }

    /** The schema of a reply object; empty when the reply holds no ZStack object. */
    public static Map<String, String> of(Object reply) {
        Map<String, String> schema = new LinkedHashMap<>();
        walk(reply, "", schema);
        return schema;
    }

    private static void walk(Object value, String path, Map<String, String> schema) {
        if (value instanceof Projected projected) {
            put(projected.inventory().getClass(), path, schema);
            projected.json().forEach((name, child) -> walk(child, child(path, name), schema));
        } else if (value instanceof Record record) {
            put(record.getClass(), path, schema);
            RecordFields.of(record).forEach((name, child) -> walk(child, child(path, name), schema));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> walk(child, child(path, String.valueOf(key)), schema));
        } else if (value instanceof Iterable<?> elements) {
            int i = 0;
            for (Object element : elements) {
                walk(element, path + "[" + i++ + "]", schema);
            }
        } else if (value instanceof Object[] elements) {
            for (int i = 0; i < elements.length; i++) {
                walk(elements[i], path + "[" + i + "]", schema);
            }
        }
    }

    private static void put(Class<?> type, String path, Map<String, String> schema) {
        ZStackClass zstackClass = type.getAnnotation(ZStackClass.class);
        if (zstackClass != null && !path.isEmpty()) {
            schema.put(path, zstackClass.value());
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
