package org.zstack.cp.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The success shapes: {@code {"inventory": ...}}, {@code {"inventories": [...], "total"?}} and {@code {}}. */
public final class Replies {
    private static final Empty EMPTY = new Empty();

    private Replies() {
    }

    @RegisterForReflection

    public record Inventory<T>(T inventory) {
    }

    @RegisterForReflection

    public record Inventories<T>(List<T> inventories, Long total) {
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
}
