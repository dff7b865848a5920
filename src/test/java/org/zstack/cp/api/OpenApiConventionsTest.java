package org.zstack.cp.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document is built at start-up, so a route added without {@code @Operation} (no operationId) must not stop
 * the application from starting: dev mode's live reload failed on exactly that.
 */
class OpenApiConventionsTest {

    @Test
    void anOperationWithoutAnIdIsDocumentedAsOneThatNeedsASession() {
        Operation unnamed = OASFactory.createOperation();
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/zstack/v1/hosts/probe", OASFactory.createPathItem().GET(unnamed)));

        new OpenApiConventions().filterOpenAPI(document);

        assertThat(unnamed.getSecurity()).hasSize(1);
        assertThat(unnamed.getResponses().getAPIResponse("503").getDescription()).contains("ID.1001");
    }
}
