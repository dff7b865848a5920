package org.zstack.cp.vm;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.zstack.cp.support.ZStackDates.zstackDate;

@QuarkusTest
class VmInstanceApiTest {

    @Test
    void createStopStartAndQuery() {
        String host = Fixtures.addHost();
        String vm = Fixtures.createVm(host, "InstantStart");

        Api.as().body("{\"stopVmInstance\": {}}").put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200)
                .body("inventory.uuid", equalTo(vm))
                .body("inventory.state", equalTo("Stopped"))
                .body("inventory.createDate", zstackDate());

        Api.as().get("/zstack/v1/vm-instances/" + vm)
                .then().statusCode(200)
                .body("inventories", hasSize(1))
                .body("inventories[0].state", equalTo("Stopped"))
                .body("inventories[0].hostUuid", equalTo(host));

        Api.as().body("{\"startvminstance\": {}}").put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200)
                .body("inventory.state", equalTo("Running"));
    }
}
