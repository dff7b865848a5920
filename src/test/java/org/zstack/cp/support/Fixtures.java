package org.zstack.cp.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the resources tests act on, through the public API. */
public final class Fixtures {
    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    private Fixtures() {
    }

    public static String addHost() {
        return addHost("127.0.0." + NEXT_IP.getAndIncrement(), 7070);
    }

    public static String addHost(String managementIp, int agentPort) {
        return Api.as()
                .body(Map.of("params", Map.of("name", "host-" + managementIp, "managementIp", managementIp,
                        "username", "root", "password", "host-ssh-password", "agentPort", agentPort)))
                .post("/zstack/v1/hosts/kvm")
                .then().statusCode(200)
                .extract().path("inventory.uuid");
    }

    public static String createVm(String hostUuid, String strategy) {
        return Api.as()
                .body(Map.of("params", Map.of("name", "vm-1", "hostUuid", hostUuid, "strategy", strategy,
                        "platform", "Linux", "guestOsType", "CentOS")))
                .post("/zstack/v1/vm-instances")
                .then().statusCode(200)
                .extract().path("inventory.uuid");
    }
}
