package org.zstack.cp.ops;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same against the packaged application, whose /q/openapi the *IT answers are checked against. */
@QuarkusIntegrationTest
class OpenApiContractIT extends OpenApiContractTest {
}
