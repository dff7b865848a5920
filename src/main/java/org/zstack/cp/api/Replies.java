package org.zstack.cp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The success shapes: {@code {"inventory": ...}}, {@code {"inventories": [...], "total"?}} and {@code {}}, each
 * with ZStack's {@code "schema"} when it is asked for ({@link ResponseSchema}).
 */
public final class Replies {
    private static final Empty EMPTY = new Empty();

    private Replies() {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inventory<T>(T inventory, Map<String, String> schema) {
        public Inventory(T inventory) {
            this(inventory, null);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inventories<T>(List<T> inventories, Long total, Map<String, String> schema) {
        public Inventories(List<T> inventories, Long total) {
            this(inventories, total, null);
        }
    }

    @RegisterForReflection

    public record Empty() {
    }

    /** The inventory, or {@code {}} where there is none (a {@code validationOnly} call). */
    public static Object inventory(Object inventory) {
        return inventory == null ? EMPTY : new Inventory<>(inventory);
    }

    public static <T> Inventories<T> inventories(List<T> inventories, Long total) {
        return new Inventories<>(inventories, total);
    }

    public static Empty empty() {
        return EMPTY;
    }

    /** A copy of an inventory reply with its schema; any other reply as it is. */
    public static Object withSchema(Object reply) {
        if (reply instanceof Inventory<?> one) {
            return new Inventory<>(one.inventory(), ResponseSchema.of(one));
        }
        if (reply instanceof Inventories<?> many) {
            return new Inventories<>(many.inventories(), many.total(), ResponseSchema.of(many));
        }
        return reply;
    }
}
