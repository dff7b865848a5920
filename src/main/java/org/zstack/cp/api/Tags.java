package org.zstack.cp.api;

import java.util.List;

/**
 * The {@code systemTags} and {@code userTags} of a request. The system tag {@code validationOnly}
 * asks for every check and no write; it is never stored.
 */
public record Tags(List<String> systemTags, List<String> userTags) {
    public static final String VALIDATION_ONLY = "validationOnly";
    public static final Tags NONE = new Tags(List.of(), List.of());

    public boolean validationOnly() {
        return systemTags.contains(VALIDATION_ONLY);
    }

    public List<String> storedSystemTags() {
        return systemTags.stream().filter(t -> !VALIDATION_ONLY.equals(t)).toList();
    }

    public boolean isEmpty() {
        return storedSystemTags().isEmpty() && userTags.isEmpty();
    }
}
