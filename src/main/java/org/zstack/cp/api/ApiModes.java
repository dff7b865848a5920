package org.zstack.cp.api;

import jakarta.ws.rs.GET;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * ZStack's rule for which APIs run as API jobs: all of them but the session APIs, the queries and
 * UpdateGuestToolsState. The dispatch and the OpenAPI document both read it here.
 */
public final class ApiModes {
    /** The session APIs: the only ones that need no session. */
    public static final Set<String> SESSION_OPERATIONS = Set.of("LogInByAccount", "LogOut", "ValidateSession");
    private static final Set<String> OTHER_SYNC_OPERATIONS = Set.of("UpdateGuestToolsState", "GetApiJob");

    private ApiModes() {
    }

    public static boolean isAsync(String httpMethod, String operationId) {
        return !"GET".equalsIgnoreCase(httpMethod) && !SESSION_OPERATIONS.contains(operationId)
                && !OTHER_SYNC_OPERATIONS.contains(operationId);
    }

    public static boolean isAsync(Method resourceMethod) {
        Operation operation = resourceMethod.getAnnotation(Operation.class);
        return isAsync(resourceMethod.isAnnotationPresent(GET.class) ? "GET" : "other",
                operation == null ? resourceMethod.getName() : operation.operationId());
    }
}
