package org.zstack.cp.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the resources tests act on, through the public API. */
public final class Fixtures {
    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    private Fixtures() {
    }

    /** A host with a management IP no other test uses. */
    public static String addHost() {
        int n = NEXT_IP.getAndIncrement();
        return addHost("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255), 7070);
    }

    /** A host whose agent is {@code agent}, at a loopback address no other test uses. */
    public static String addHost(FakeAgent agent) {
        return addHost(loopbackIp(), agent.port());
    }

    public static String loopbackIp() {
        int n = NEXT_IP.getAndIncrement();
        return "127." + (1 + (n >> 16 & 127)) + "." + (n >> 8 & 255) + "." + (1 + (n & 127));
    }

    public static String addHost(String managementIp, int agentPort) {
        return Api.as()
                .body(Map.of("params", Map.of("name", "host-" + managementIp, "managementIp", managementIp,
                        "username", "root", "password", Secrets.HOST_PASSWORD, "agentPort", agentPort)))
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
