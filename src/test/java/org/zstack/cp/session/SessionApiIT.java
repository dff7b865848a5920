package org.zstack.cp.session;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SessionApiIT extends SessionApiTest {
}
