package org.zstack.cp.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** PostgreSQL cannot store U+0000 in text (22021), so a request carrying one is refused before any SQL. */
public final class NulCharacters {
    private static final char NUL = '\u0000';

    private NulCharacters() {
    }

    /** Refuses a NUL in any string or field name of {@code node}; the error names the field's path. */
    public static void rejectIn(JsonNode node) {
        reject(node, "");
    }

    /** Refuses a NUL in any value (or name) of the query parameters. */
    public static void rejectIn(Map<String, List<String>> parameters) {
        parameters.forEach((name, values) -> {
            check(name, name);
            values.forEach(value -> check(name, value));
        });
    }

    public static void check(String field, String value) {
        if (value != null && value.indexOf(NUL) >= 0) {
            throw ApiException.invalidArgument("field [" + field.replace(NUL, '?')
                    + "] contains a NUL character (U+0000), which cannot be stored");
        }
    }

    private static void reject(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            check(path, node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                reject(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                check(child, field.getKey());
                reject(field.getValue(), child);
            }
        }
    }
}
