package org.zstack.cp.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Draws the next request of one worker: a route by weight, a valid request of that route (shaped as the API
 * documents and the other tests send it, on the worker's own fixtures), then one or two mutations.
 */
final class CaseGenerator {
    static final String SECRET = "Fz-s3cret-5e7a";
    private static final String V1 = "/zstack/v1";
    private final Values values;
    private final WorkerFixture f;
    private final BodyMutator bodies;
    private final QueryMutator queries;
    private final List<Weighted> routes = new ArrayList<>();
    private final int totalWeight;

    private record Weighted(int weight, Supplier<FuzzCase> base) {
    }

    CaseGenerator(Values values, WorkerFixture fixture) {
        this.values = values;
        this.f = fixture;
        this.bodies = new BodyMutator(values);
        this.queries = new QueryMutator(values);
        route(10, this::login);
        route(12, this::logout);
        route(12, this::validSession);
        route(40, this::createVm);
        route(25, () -> vmAction("startVmInstance"));
        route(25, () -> vmAction("stopVmInstance"));
        route(75, this::changeVmPassword);
        route(60, this::updateGuestToolsState);
        route(30, this::addTpm);
        route(80, this::updateTpm);
        route(30, this::addKeyProvider);
        route(30, this::addBackupStorage);
        route(75, this::updateBackupStorage);
        route(20, this::reconnectBackupStorage);
        route(4, this::createIam2);
        route(65, this::updateIam2);
        route(20, this::changeIam2State);
        route(30, this::addHost);
        for (Collection c : Collection.values()) {
            route(c.queryWeight, () -> query(c));
            route(c.getWeight, () -> get(c));
            if (c.deletable) {
                route(12, () -> delete(c));
            }
        }
        route(20, this::unknownRoute);
        this.totalWeight = routes.stream().mapToInt(Weighted::weight).sum();
    }

    private void route(int weight, Supplier<FuzzCase> base) {
        routes.add(new Weighted(weight, base));
    }

    /** The collections of the API: their paths, queryable fields, and where a GET by UUID finds a real row. */
    enum Collection {
        VM("/vm-instances", QuerySpec.VM, 25, 10, true),
        HOST("/hosts", QuerySpec.HOST, 20, 8, true),
        GUEST_TOOLS("/guesttools", QuerySpec.GUEST_TOOLS, 20, 8, false),
        TPM("/tpms", QuerySpec.TPM, 20, 8, true),
        KEY_PROVIDER("/key-providers", QuerySpec.KEY_PROVIDER, 20, 8, true),
        BACKUP_STORAGE("/backup-storage/image-store", QuerySpec.BACKUP_STORAGE, 20, 8, true),
        IAM2("/iam2/virtual-ids", QuerySpec.IAM2, 20, 8, true),
        SYSTEM_TAG("/system-tags", QuerySpec.TAG, 20, 0, false),
        USER_TAG("/user-tags", QuerySpec.TAG, 15, 0, false);

        final String path;
        final QuerySpec spec;
        final int queryWeight;
        final int getWeight;
        final boolean deletable;

        Collection(String path, QuerySpec spec, int queryWeight, int getWeight, boolean deletable) {
            this.path = path;
            this.spec = spec;
            this.queryWeight = queryWeight;
            this.getWeight = getWeight;
            this.deletable = deletable;
        }
    }

    FuzzCase next() {
        int roll = values.random().nextInt(totalWeight);
        FuzzCase c = null;
        for (Weighted w : routes) {
            roll -= w.weight();
            if (roll < 0) {
                c = w.base().get();
                break;
            }
        }
        c.authorization = c.publicRoute ? null : "OAuth " + f.session;
        if (c.querySpec != null) {
            queries.build(c, f.samples(), !values.chance(0.1));
            if (values.chance(0.05)) {
                mutateAuthorization(c);
            }
        } else if (c.rawPath == null && !values.chance(0.08)) {
            mutate(c);
        }
        if (c.route.startsWith("PUT /accounts/login") && !c.mutations.isEmpty()) {
            keepAdminUnlocked(c.json);
        }
        bodies.finish(c);
        return c;
    }

    /**
     * A mutated login is likely to fail; it goes to an account that does not exist, so that the fuzzing never
     * locks the admin account out for the tests that run after it.
     */
    private void keepAdminUnlocked(JsonNode body) {
        if (body instanceof ObjectNode object) {
            if ("admin".equals(object.path("accountName").textValue())) {
                object.put("accountName", "fuzz-nobody-" + f.worker);
            }
            object.elements().forEachRemaining(this::keepAdminUnlocked);
        }
    }

    private void mutate(FuzzCase c) {
        int roll = values.random().nextInt(100);
        if (roll < 72 && c.json != null) {
            bodies.mutate(c);
        } else if (roll < 84 && c.uuid != null) {
            mutatePath(c);
        } else if (roll < 91 && !c.publicRoute) {
            mutateAuthorization(c);
        } else if (roll < 96 && c.json != null) {
            mutateContentType(c);
        } else if (roll < 98) {
            mutateMethod(c);
            return;
        } else if (c.json != null) {
            bodies.mutate(c);
        }
        if (values.chance(0.15)) {
            int second = values.random().nextInt(3);
            if (second == 0 && c.uuid != null && c.mutations.stream().noneMatch(m -> m.contains("in the path"))) {
                mutatePath(c);
            } else if (second == 1 && !c.publicRoute && c.mutations.stream().noneMatch(m -> m.contains("session")
                    || m.startsWith("Authorization"))) {
                mutateAuthorization(c);
            } else if (c.json != null) {
                mutateContentType(c);
            }
        }
    }

    private void mutatePath(FuzzCase c) {
        int roll = values.random().nextInt(10);
        if (roll < 6) {
            c.uuid = values.malformedUuid();
            c.mutated("malformed UUID in the path", Expect.INVALID);
        } else if (roll < 8) {
            c.uuid = values.uuid();
            c.mutated("unknown UUID in the path", null);
        } else {
            String uuid = c.uuid;
            c.rawPath = c.pathBefore + values.pick(List.of("", "..", "%2e%2e", uuid + "/", uuid + "/extra",
                    "a%2Fb", uuid + "%00", "x".repeat(5000), uuid + ";jsessionid=1", uuid + "%20")) + c.pathAfter;
            c.mutatedUnpredictably("path structure");
        }
    }

    private void mutateAuthorization(FuzzCase c) {
        String s = f.session;
        switch (values.random().nextInt(10)) {
            case 0 -> c.authorization = null;
            case 1 -> c.authorization = "Bearer " + s;
            case 2 -> c.authorization = "OAuth";
            case 3 -> c.authorization = "OAuth " + s.toUpperCase(Locale.ROOT);
            case 4 -> c.authorization = "oauth " + s;
            case 5 -> c.authorization = "OAuth " + s + "x";
            case 6 -> c.authorization = "OAuth " + "a".repeat(5000);
            case 7 -> c.authorization = "OAuth " + s + ", OAuth " + s;
            case 8 -> {
                c.authorization = "OAuth " + values.uuid();
                c.mutated("unknown session", Expect.UNKNOWN_SESSION);
                return;
            }
            default -> {
                c.authorization = "OAuth  " + s + " ";
                c.mutated("Authorization with extra spaces", null);
                return;
            }
        }
        c.mutated("Authorization [" + BodyMutator.abbreviate(c.authorization) + "]", Expect.NO_AUTH);
    }

    private void mutateContentType(FuzzCase c) {
        c.contentType = values.pick(java.util.Arrays.asList(null, "text/plain", "application/xml",
                "application/json; charset=ISO-8859-1", "application/x-www-form-urlencoded", "*/*",
                "application/json;charset=UTF-16", "application/jsonx", "multipart/form-data; boundary=x"));
        c.mutatedContentType("Content-Type " + c.contentType);
    }

    private void mutateMethod(FuzzCase c) {
        String method = values.pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH"));
        if (method.equals(c.method)) {
            method = "PATCH";
        }
        c.method = method;
        if (method.equals("GET") || method.equals("DELETE")) {
            c.json = null;
        }
        c.mutatedUnpredictably("method " + method);
    }

    // ---- valid requests, one per route -----------------------------------------------------------------------

    private ObjectNode params(String key, ObjectNode params) {
        ObjectNode body = values.object();
        body.set(key, params);
        if (values.chance(0.5)) {
            body.set("systemTags", Values.JSON.arrayNode());
            body.set("userTags", values.chance(0.5) ? Values.JSON.arrayNode()
                    : Values.JSON.arrayNode().add("fuzz-user-" + values.between(0, 5)));
        }
        return body;
    }

    private FuzzCase login() {
        ObjectNode p = values.object().put("accountName", "admin").put("password", Api.sha512(Api.adminPassword()));
        FuzzCase c = new FuzzCase("PUT /accounts/login", "PUT", V1 + "/accounts/login").publicRoute()
                .action("logInByAccount", true, List.of());
        c.body(values.chance(0.15) ? p : params("logInByAccount", p));
        if (!c.json.has("logInByAccount")) {
            c.actionKey = null;
        }
        return c.onSuccess(reply -> harvest(reply, f.sessions));
    }

    private FuzzCase logout() {
        String session = f.sessions.isEmpty() || values.chance(0.2) ? values.uuid() : f.sessions.pop();
        return new FuzzCase("DELETE /accounts/sessions/{uuid}", "DELETE", V1 + "/accounts/sessions/")
                .uuid(session, "").publicRoute();
    }

    private FuzzCase validSession() {
        String session = values.chance(0.7) ? f.session : values.uuid();
        return new FuzzCase("GET /accounts/sessions/{uuid}/valid", "GET", V1 + "/accounts/sessions/")
                .uuid(session, "/valid").publicRoute();
    }

    private FuzzCase createVm() {
        ObjectNode p = values.object().put("name", "fuzz-vm-" + f.worker).put("hostUuid", f.host)
                .put("strategy", values.pick(List.of("InstantStart", "CreateStopped")))
                .put("platform", "Linux").put("guestOsType", "CentOS");
        if (values.chance(0.3)) {
            p.put("hypervisorType", "KVM").put("description", "created by the fuzz test");
        }
        return new FuzzCase("POST /vm-instances", "POST", V1 + "/vm-instances")
                .body(params("params", p)).action("params", false, List.of())
                .onSuccess(reply -> harvest(reply, f.vms));
    }

    private String someVm() {
        if (!f.vms.isEmpty() && values.chance(0.2)) {
            return f.vms.peekLast();
        }
        return values.chance(0.5) ? f.vmRunning : f.vmStopped;
    }

    private static final List<String> VM_ACTIONS = List.of("startVmInstance", "stopVmInstance", "changeVmPassword");

    private FuzzCase vmAction(String action) {
        String vm = someVm();
        return new FuzzCase("PUT /vm-instances/{uuid}/actions [" + action + "]", "PUT", V1 + "/vm-instances/")
                .uuid(vm, "/actions").body(params(action, values.object()))
                .action(action, false, VM_ACTIONS.stream().filter(a -> !a.equals(action)).toList())
                .snapshot(vmSnapshot(vm));
    }

    private FuzzCase changeVmPassword() {
        FuzzCase c = vmAction("changeVmPassword");
        ((ObjectNode) c.json.get("changeVmPassword")).put("password", values.chance(0.5) ? "password" : SECRET)
                .put("account", "root");
        return c;
    }

    private FuzzCase updateGuestToolsState() {
        String vm = someVm();
        ObjectNode body = switch (values.random().nextInt(3)) {
            case 0 -> values.object();
            case 1 -> params("updateGuestToolsState", values.object());
            default -> values.object().set("systemTags", Values.JSON.arrayNode());
        };
        FuzzCase c = new FuzzCase("PUT /vm-instances/{uuid}/guesttools-state", "PUT", V1 + "/vm-instances/")
                .uuid(vm, "/guesttools-state").body(body).snapshot(vmSnapshot(vm));
        return c.action(body.has("updateGuestToolsState") ? "updateGuestToolsState" : null, true,
                List.of("updateGuestToolsState"));
    }

    private Snapshot vmSnapshot(String vm) {
        return new Snapshot().rows("vm_instance", "uuid", vm).rows("guest_tools_state", "vm_instance_uuid", vm)
                .rows("tpm", "vm_instance_uuid", vm).tags(vm);
    }

    private FuzzCase addTpm() {
        String vm = !f.vms.isEmpty() && values.chance(0.7) ? f.vms.peekLast() : someVm();
        ObjectNode p = values.object().put("vmInstanceUuid", vm);
        if (values.chance(0.7)) {
            p.put("keyProviderUuid", values.chance(0.7) ? f.keyProviderUsed : f.keyProviderFree);
        }
        return new FuzzCase("POST /tpms", "POST", V1 + "/tpms").body(params("params", p))
                .action("params", false, List.of()).onSuccess(reply -> harvest(reply, f.tpms));
    }

    private FuzzCase updateTpm() {
        ObjectNode p = values.object();
        int target = values.random().nextInt(3);
        if (target != 1) {
            p.put("tpmUuid", f.tpm);
        }
        if (target != 0) {
            p.put("vmInstanceUuid", values.chance(0.85) ? f.vmStopped : f.vmRunning);
        }
        if (values.chance(0.8)) {
            p.put("keyProviderUuid", values.chance(0.5) ? f.keyProviderUsed : f.keyProviderFree);
        }
        String key = values.pick(List.of("updateTpm", "updatetpm"));
        Snapshot rows = new Snapshot().rows("tpm", "vm_instance_uuid", f.vmStopped)
                .rows("tpm", "vm_instance_uuid", f.vmRunning).tags(f.tpm);
        return new FuzzCase("PUT /tpms [updateTpm]", "PUT", V1 + "/tpms").body(params(key, p))
                .action(key, false, List.of()).snapshot(rows);
    }

    private FuzzCase addKeyProvider() {
        ObjectNode p = values.object().put("name", "fuzz-kp-" + f.worker);
        if (values.chance(0.5)) {
            p.put("type", "KMS").put("description", "a key provider");
        }
        return new FuzzCase("POST /key-providers", "POST", V1 + "/key-providers").body(params("params", p))
                .action("params", false, List.of()).onSuccess(reply -> harvest(reply, f.keyProviders));
    }

    private FuzzCase addBackupStorage() {
        ObjectNode p = values.object().put("name", "fuzz-bs-" + f.worker).put("url", "/data/zstack_bs")
                .put("hostname", f.loopback(2)).put("username", "root").put("password", SECRET)
                .put("agentPort", f.agentPort);
        if (values.chance(0.5)) {
            p.put("sshPort", 22).put("description", "Public Backup Storage");
            ArrayNode zones = p.putArray("zoneUuids").add(Fixtures.ZONE);
            if (values.chance(0.3)) {
                zones.add(values.uuid());
            }
        }
        return new FuzzCase("POST /backup-storage/image-store", "POST", V1 + "/backup-storage/image-store")
                .body(params("params", p)).action("params", false, List.of())
                .onSuccess(reply -> harvest(reply, f.backupStorages));
    }

    private static final List<String> BS_ACTIONS = List.of("updateImageStoreBackupStorage",
            "reconnectImageStoreBackupStorage");

    private FuzzCase updateBackupStorage() {
        ObjectNode p = values.object();
        if (values.chance(0.7)) {
            p.put("name", values.pick(List.of("New Name", "fuzz-bs-" + f.worker)));
        }
        if (values.chance(0.5)) {
            p.put("description", "Public Backup Storage");
        }
        if (values.chance(0.4)) {
            p.put("username", "root");
        }
        if (values.chance(0.3)) {
            p.put("password", SECRET);
        }
        if (values.chance(0.5)) {
            p.put("hostname", f.bsHostname);
        }
        if (values.chance(0.4)) {
            p.put("sshPort", values.pick(List.of(22, 2222, 65535, 1)));
        }
        String key = values.pick(List.of("updateImageStoreBackupStorage", "updateimagestorebackupstorage"));
        return backupStorageAction(key, p, false);
    }

    private FuzzCase reconnectBackupStorage() {
        return backupStorageAction("reconnectImageStoreBackupStorage", values.object(), true);
    }

    private FuzzCase backupStorageAction(String key, ObjectNode p, boolean reconnect) {
        String bs = f.bs;
        Snapshot rows = new Snapshot();
        if (reconnect) {
            // A failed reconnect records the status Disconnected (DESIGN); every other column must stay.
            rows.columns("backup_storage", "uuid", bs, "uuid, name, url, description, type, state, create_date");
        } else {
            rows.rows("backup_storage", "uuid", bs);
        }
        rows.rows("image_store_backup_storage", "uuid", bs).rows("backup_storage_capacity", "backup_storage_uuid", bs)
                .rows("backup_storage_zone_ref", "backup_storage_uuid", bs).tags(bs);
        String action = key.equalsIgnoreCase("reconnectImageStoreBackupStorage") ? "reconnectImageStoreBackupStorage"
                : "updateImageStoreBackupStorage";
        return new FuzzCase("PUT /backup-storage/image-store/{uuid}/actions [" + action + "]", "PUT",
                V1 + "/backup-storage/image-store/").uuid(bs, "/actions").body(params(key, p))
                .action(key, false, BS_ACTIONS.stream().filter(a -> !a.equalsIgnoreCase(key)).toList())
                .snapshot(rows);
    }

    private FuzzCase createIam2() {
        ObjectNode p = values.object().put("name", "fuzz-iam2-" + f.worker + "-" + values.uuid().substring(0, 8))
                .put("password", Api.sha512(SECRET)).put("description", "new-desc");
        if (values.chance(0.5)) {
            p.putArray("attributes").addObject().put("name", "attribute-name").put("value", "attribute-value");
        }
        return new FuzzCase("POST /iam2/virtual-ids", "POST", V1 + "/iam2/virtual-ids").body(params("params", p))
                .action("params", false, List.of()).onSuccess(reply -> harvest(reply, f.iam2s));
    }

    private static final List<String> IAM2_ACTIONS = List.of("updateIAM2VirtualID", "changeIAM2VirtualIDState");

    private FuzzCase updateIam2() {
        ObjectNode p = values.object();
        if (values.chance(0.6)) {
            p.put("name", f.iam2Name);
        }
        if (values.chance(0.6)) {
            p.put("description", "new-desc");
        }
        // The password is hashed with Argon2id on every request that carries one: a few only, to keep the run short.
        if (values.chance(0.04)) {
            p.put("password", Api.sha512(SECRET));
        }
        if (values.chance(0.02)) {
            p.put("oldPassword", Api.sha512(SECRET));
        }
        return iam2Action(values.pick(List.of("updateIAM2VirtualID", "updateiam2virtualid")), p);
    }

    private FuzzCase changeIam2State() {
        return iam2Action("changeIAM2VirtualIDState",
                values.object().put("stateEvent", values.pick(List.of("enable", "disable"))));
    }

    private FuzzCase iam2Action(String key, ObjectNode p) {
        String action = IAM2_ACTIONS.stream().filter(a -> a.equalsIgnoreCase(key)).findFirst().orElseThrow();
        Snapshot rows = new Snapshot().rows("iam2_virtual_id", "uuid", f.iam2)
                .rows("iam2_virtual_id_attribute", "virtual_id_uuid", f.iam2).tags(f.iam2);
        return new FuzzCase("PUT /iam2/virtual-ids/{uuid}/actions [" + action + "]", "PUT", V1 + "/iam2/virtual-ids/")
                .uuid(f.iam2, "/actions").body(params(key, p))
                .action(key, false, IAM2_ACTIONS.stream().filter(a -> !a.equals(action)).toList()).snapshot(rows);
    }

    private FuzzCase addHost() {
        ObjectNode p = values.object().put("name", "fuzz-host-" + f.worker).put("managementIp", f.managementIp())
                .put("username", "root").put("password", SECRET);
        if (values.chance(0.5)) {
            p.put("sshPort", 22).put("agentPort", 7070).put("description", "a host");
        }
        return new FuzzCase("POST /hosts/kvm", "POST", V1 + "/hosts/kvm").body(params("params", p))
                .action("params", false, List.of()).onSuccess(reply -> harvest(reply, f.hosts));
    }

    private FuzzCase query(Collection c) {
        return new FuzzCase("GET " + c.path, "GET", V1 + c.path).query(c.spec);
    }

    private FuzzCase get(Collection c) {
        String uuid = switch (c) {
            case VM, GUEST_TOOLS -> someVm();
            case HOST -> f.host;
            case TPM -> f.tpm;
            case KEY_PROVIDER -> f.keyProviderUsed;
            case BACKUP_STORAGE -> f.bs;
            case IAM2 -> f.iam2;
            default -> values.uuid();
        };
        return new FuzzCase("GET " + c.path + "/{uuid}", "GET", V1 + c.path + "/").uuid(uuid, "");
    }

    private FuzzCase delete(Collection c) {
        String path = c == Collection.BACKUP_STORAGE ? "/backup-storage" : c.path;
        Deque<String> created = switch (c) {
            case VM -> f.vms;
            case HOST -> f.hosts;
            case TPM -> f.tpms;
            case KEY_PROVIDER -> f.keyProviders;
            case BACKUP_STORAGE -> f.backupStorages;
            default -> f.iam2s;
        };
        FuzzCase fc = new FuzzCase("DELETE " + path + "/{uuid}", "DELETE", V1 + path + "/");
        if (values.chance(0.15) && (c == Collection.HOST || c == Collection.KEY_PROVIDER)) {
            // In use (the host has VMs, the key provider a TPM): refused, and nothing may change.
            String inUse = c == Collection.HOST ? f.host : f.keyProviderUsed;
            return fc.uuid(inUse, "").snapshot(new Snapshot()
                    .rows(c == Collection.HOST ? "host" : "key_provider", "uuid", inUse).tags(inUse));
        }
        return fc.uuid(created.isEmpty() || values.chance(0.2) ? values.uuid() : created.pollFirst(), "");
    }

    private FuzzCase unknownRoute() {
        String uuid = values.uuid();
        boolean certain = values.chance(0.6);
        String path = certain
                ? values.pick(List.of("/zstack/v1/nope", "/zstack/v1/vm-instances/" + uuid + "/nope",
                "/zstack/v1/VM-INSTANCES", "/zstack/v1/hosts/kvm/" + uuid + "/actions", "/zstack/v1/tpms/" + uuid + "/x",
                "/zstack/v1/accounts/logout", "/zstack/v1/system-tags/" + uuid))
                : values.pick(List.of("/zstack/v2/vm-instances", "/zstack/v1", "/zstack/v1/", "/zstack",
                "/zstack/v1/vm-instances/", "/zstack/v1/api-jobs/" + uuid + "/x", "/zstack/asyncrest/callback",
                "/zstack/v1/vm-instances/" + uuid + "/actions/", "/zstack//v1/hosts"));
        String method = values.pick(List.of("GET", "PUT", "POST", "DELETE", "PATCH"));
        FuzzCase c = new FuzzCase("(no route)", method, path);
        c.rawPath = path;
        if (!method.equals("GET") && !method.equals("DELETE")) {
            c.body(values.object().set("params", values.object()));
        }
        c.mutated("unknown route " + path, certain ? Expect.NO_ROUTE : null);
        return c;
    }

    private static void harvest(JsonNode reply, Deque<String> into) {
        JsonNode uuid = reply.path("inventory").path("uuid");
        if (uuid.isTextual()) {
            into.addLast(uuid.textValue());
        }
    }
}
