package org.zstack.cp.vm;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class VmInstanceApiIT extends VmInstanceApiTest {
}
