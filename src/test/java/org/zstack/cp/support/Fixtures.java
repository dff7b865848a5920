package org.zstack.cp.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the resources tests act on, through the public API: each create body is written here only. */
public final class Fixtures {
    /** A zone UUID; the service keeps no zones, it only records the UUIDs a backup storage is attached to. */
    public static final String ZONE = "7c99892d8d5542faae4d1dd7d17be252";
    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return uuid(Api.as().body(hostBody(managementIp, agentPort)).post("/zstack/v1/hosts/kvm"));
    }

    /** The body of AddKVMHost for a host at {@code managementIp} whose agent listens on {@code agentPort}. */
    public static Map<String, Object> hostBody(String managementIp, int agentPort) {
        return hostBody("host-" + managementIp, managementIp, Secrets.HOST_PASSWORD, agentPort);
    }

    public static Map<String, Object> hostBody(String name, String managementIp, String password, int agentPort) {
        return hostBody(name, managementIp, password, agentPort, Map.of());
    }

    /** The body of AddKVMHost; {@code more} adds params such as the description. */
    public static Map<String, Object> hostBody(String name, String managementIp, String password, int agentPort,
            Map<String, Object> more) {
        Map<String, Object> params = new HashMap<>(more);
        params.putAll(Map.of("name", name, "managementIp", managementIp, "username", "root", "password", password,
                "agentPort", agentPort));
        return Map.of("params", params);
    }

    /** {@code body} with the system and user tags given (an empty list adds none). */
    public static Map<String, Object> tagged(Map<String, Object> body, List<String> systemTags,
            List<String> userTags) {
        Map<String, Object> tagged = new HashMap<>(body);
        if (!systemTags.isEmpty()) {
            tagged.put("systemTags", systemTags);
        }
        if (!userTags.isEmpty()) {
            tagged.put("userTags", userTags);
        }
        return tagged;
    }

    public static String createVm(String hostUuid, String strategy) {
        return uuid(Api.as().body(vmBody(hostUuid, strategy)).post("/zstack/v1/vm-instances"));
    }

    /** The body of CreateVmInstance on {@code hostUuid}. */
    public static Map<String, Object> vmBody(String hostUuid, String strategy) {
        return vmBody("vm-1", hostUuid, strategy);
    }

    public static Map<String, Object> vmBody(String name, String hostUuid, String strategy) {
        return Map.of("params", Map.of("name", name, "hostUuid", hostUuid, "strategy", strategy,
                "platform", "Linux", "guestOsType", "CentOS"));
    }

    public static String addKeyProvider(String name) {
        return uuid(Api.as().body(keyProviderBody(name)).post("/zstack/v1/key-providers"));
    }

    public static Map<String, Object> keyProviderBody(String name) {
        return Map.of("params", Map.of("name", name));
    }

    public static String addTpm(String vmUuid, String keyProviderUuid) {
        return uuid(Api.as().body(tpmBody(vmUuid, keyProviderUuid)).post("/zstack/v1/tpms"));
    }

    /** The body of AddTpm for {@code vmUuid}; without {@code keyProviderUuid} when it is null. */
    public static Map<String, Object> tpmBody(String vmUuid, String keyProviderUuid) {
        Map<String, Object> params = new HashMap<>(Map.of("vmInstanceUuid", vmUuid));
        if (keyProviderUuid != null) {
            params.put("keyProviderUuid", keyProviderUuid);
        }
        return Map.of("params", params);
    }

    /** An IAM2 virtual ID named {@code namePrefix} and a random suffix, with {@code password} (a SHA-512 hex). */
    public static String addVirtualId(String namePrefix, String password) {
        return uuid(Api.as().body(virtualIdBody(uniqueName(namePrefix), password, Map.of()))
                .post("/zstack/v1/iam2/virtual-ids"));
    }

    /** The body of CreateIAM2VirtualID; {@code more} adds params such as description or attributes. */
    public static Map<String, Object> virtualIdBody(String name, String password, Map<String, Object> more) {
        Map<String, Object> params = new HashMap<>(more);
        params.put("name", name);
        params.put("password", password);
        return Map.of("params", params);
    }

    /** {@code prefix} and eight random hex characters, for names that must be unique. */
    public static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An image-store backup storage at a loopback address no other test uses, whose agent is {@code agent}. */
    public static String addBackupStorage(FakeAgent agent) {
        return uuid(new BackupStorage(loopbackIp(), agent.port()).add());
    }

    /**
     * AddImageStoreBackupStorage at {@code hostname} whose agent listens on {@code agentPort}; the name is
     * {@code bs-<hostname>}, the other params are plain defaults a test may replace.
     */
    public record BackupStorage(String hostname, int agentPort, String url, String password, List<String> zoneUuids) {
        public BackupStorage(String hostname, int agentPort) {
            this(hostname, agentPort, "/data", "pw", List.of());
        }

        public BackupStorage withUrl(String url) {
            return new BackupStorage(hostname, agentPort, url, password, zoneUuids);
        }

        public BackupStorage withPassword(String password) {
            return new BackupStorage(hostname, agentPort, url, password, zoneUuids);
        }

        public BackupStorage withZones(List<String> zoneUuids) {
            return new BackupStorage(hostname, agentPort, url, password, zoneUuids);
        }

        public Map<String, Object> body() {
            Map<String, Object> params = new HashMap<>(Map.of("name", "bs-" + hostname, "url", url,
                    "hostname", hostname, "username", "root", "password", password, "agentPort", agentPort));
            if (!zoneUuids.isEmpty()) {
                params.put("zoneUuids", zoneUuids);
            }
            return Map.of("params", params);
        }

        /** Sends the create; the answer is the test's to check. */
        public Response add() {
            return Api.as().body(body()).post("/zstack/v1/backup-storage/image-store");
        }
    }

    /** {@code body} as JSON text, for the tests that send strings (those against the packaged jar). */
    public static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The UUID of a created inventory, after checking that the create answered 200. */
    public static String uuid(Response created) {
        return created.then().statusCode(200).extract().path("inventory.uuid");
    }
}
