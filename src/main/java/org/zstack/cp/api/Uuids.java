package org.zstack.cp.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** ZStack UUIDs: 32 lowercase hex characters, no dashes. */
public final class Uuids {
    /** The form as a regular expression (also in the OpenAPI document). */
    public static final String REGEX = "^[0-9a-f]{32}$";
    private static final Pattern FORM = Pattern.compile(REGEX);

    private Uuids() {
    }

    public static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static boolean isValid(String uuid) {
        return uuid != null && FORM.matcher(uuid).matches();
    }

    /** Fails with SYS.1007 unless {@code uuid} is null or of the ZStack form. */
    public static void check(String field, String uuid) {
        if (uuid != null && !isValid(uuid)) {
            throw ApiException.invalidArgument("field [" + field + "] is not a UUID of 32 lowercase hex characters");
        }
    }
}
