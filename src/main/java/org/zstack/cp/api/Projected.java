package org.zstack.cp.api;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inventory cut down to the fields a query asked for ({@code fields=uuid,name}). It is written as those fields
 * alone, null ones left out, and it keeps the inventory's ZStack class for the reply's {@code schema}.
 */
@RegisterForReflection
public record Projected(Record inventory, List<String> fields) {
    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> kept = new LinkedHashMap<>();
        RecordFields.of(inventory).forEach((name, value) -> {
            if (value != null && fields.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
