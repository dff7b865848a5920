package org.zstack.cp.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs {@link OpenApiValidation} before every test class (registered for all of them through
 * {@code META-INF/services} and {@code junit-platform.properties}). A {@code @QuarkusTest} runs in a class loader
 * of its own, with a RestAssured of its own, so the filter is installed through the test class's loader.
 */
public final class OpenApiValidationExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class.forName(OpenApiValidation.class.getName(), true, context.getRequiredTestClass().getClassLoader())
                .getMethod("install").invoke(null);
    }
}
