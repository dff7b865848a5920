package org.zstack.cp.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A response as the properties need it: status, the headers (lowercase names), the body bytes. */
record Answer(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
