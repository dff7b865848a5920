package org.zstack.cp.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** The ZStack error body: {@code {"error": {code, description, details, elaboration?, opaque?, cause?}}}. */
@RegisterForReflection
public record ErrorReply(Error error) {

    @RegisterForReflection

    public record Error(String code, String description, String details, String elaboration,
                        Map<String, Object> opaque, Error cause) {
    }

    public static ErrorReply of(ApiException e) {
        return new ErrorReply(new Error(e.code().code(), e.code().description(), e.details(), null, e.opaque(), null));
    }
}
