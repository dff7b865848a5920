package org.zstack.cp.fuzz;

import org.zstack.cp.support.Api;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.Fixtures;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The rows one worker owns, made through the API, and the resources its own requests created. No other worker
 * writes to these rows, so a worker can compare them before and after each of its requests.
 */
final class WorkerFixture {
    final int worker;
    final String session;
    final int agentPort;
    final String hostIp;
    final String host;
    final String vmRunning;
    final String vmStopped;
    final String keyProviderUsed;
    final String keyProviderFree;
    final String tpm;
    final String iam2;
    final String iam2Name;
    final String bsHostname;
    final String bs;
    /** Resources this worker's requests created; deletes take from here. */
    final Deque<String> vms = new ArrayDeque<>();
    final Deque<String> hosts = new ArrayDeque<>();
    final Deque<String> keyProviders = new ArrayDeque<>();
    final Deque<String> tpms = new ArrayDeque<>();
    final Deque<String> backupStorages = new ArrayDeque<>();
    final Deque<String> iam2s = new ArrayDeque<>();
    final Deque<String> sessions = new ArrayDeque<>();
    private int serial;

    WorkerFixture(int worker, long seed, String session, FakeAgent agent) {
        this.worker = worker;
        this.agentPort = agent.port();
        this.session = session;
        this.hostIp = loopback(0);
        this.host = create("/zstack/v1/hosts/kvm",
                Fixtures.hostBody("fuzz-host-" + worker, hostIp, CaseGenerator.SECRET, agentPort));
        this.vmRunning = createVm("InstantStart");
        this.vmStopped = createVm("CreateStopped");
        this.keyProviderUsed = create("/zstack/v1/key-providers", Fixtures.keyProviderBody("fuzz-kp-" + worker));
        this.keyProviderFree = create("/zstack/v1/key-providers", Fixtures.keyProviderBody("fuzz-kp-free-" + worker));
        this.tpm = create("/zstack/v1/tpms", Fixtures.tpmBody(vmStopped, keyProviderUsed));
        this.iam2Name = "fuzz-iam2-" + worker + "-" + Long.toHexString(seed) + "-" + System.nanoTime();
        this.iam2 = create("/zstack/v1/iam2/virtual-ids", Fixtures.virtualIdBody(iam2Name,
                Api.sha512(CaseGenerator.SECRET), Map.of("description", "fixture")));
        this.bsHostname = loopback(1);
        this.bs = Fixtures.uuid(new Fixtures.BackupStorage(bsHostname, agentPort).withUrl("/data/zstack_bs")
                .withPassword(CaseGenerator.SECRET).withZones(List.of(Fixtures.ZONE)).add());
    }

    List<String> samples() {
        List<String> samples = new ArrayList<>(List.of(host, vmRunning, vmStopped, keyProviderUsed, tpm, iam2, bs,
                iam2Name, "fuzz-host-" + worker, "vm-1", "fuzz", hostIp, bsHostname, "KVM", "Linux", "root"));
        samples.addAll(vms);
        return samples;
    }

    /** A loopback address no other worker and no other test uses; the fake agent answers on all of them. */
    String loopback(int kind) {
        int n = serial++;
        return "127." + (200 + worker) + "." + (kind * 100 + (n >> 8 & 63)) + "." + (1 + (n & 127));
    }

    /** A routable-looking address for hosts that are only recorded, never called. */
    String managementIp() {
        int n = serial++;
        return "10." + (200 + worker) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private String createVm(String strategy) {
        return create("/zstack/v1/vm-instances", Fixtures.vmBody("fuzz-vm-" + worker, host, strategy));
    }

    private static String create(String path, Map<String, Object> body) {
        return Fixtures.uuid(Api.as().body(body).post(path));
    }
}
