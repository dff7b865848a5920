package org.zstack.cp.api;

import java.util.Map;

/**
 * A ZStack error: the code, the HTTP status it is answered with, and what exactly was wrong.
 * Services fail their pipelines with it; {@link ErrorMapper} turns it into the wire body.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final int status;
    private final Map<String, Object> opaque;

    public ApiException(ErrorCode code, int status, String details, Map<String, Object> opaque) {
        super(details, null, false, false);
        this.code = code;
        this.status = status;
        this.opaque = opaque;
    }

    public ApiException(ErrorCode code, String details) {
        this(code, 503, details, null);
    }

    public static ApiException invalidArgument(String details) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, details);
    }

    /** A body that is not JSON, or a field of the wrong type. */
    public static ApiException badRequest(String details) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, 400, details, null);
    }

    public static ApiException notFound(String resourceType, String uuid) {
        return new ApiException(ErrorCode.RESOURCE_NOT_FOUND,
                "unable to find the " + resourceType + " [uuid:" + uuid + "]");
    }

    public static ApiException operationFailure(String details) {
        return new ApiException(ErrorCode.OPERATION_FAILURE, details);
    }

    public static ApiException timeout(String details) {
        return new ApiException(ErrorCode.TIMEOUT, details);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String details() {
        return getMessage();
    }

    public Map<String, Object> opaque() {
        return opaque;
    }
}
