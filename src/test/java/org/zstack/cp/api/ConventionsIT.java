package org.zstack.cp.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ConventionsIT extends ConventionsTest {
}
