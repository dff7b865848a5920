package org.zstack.cp.backupstorage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.agent.ImageStoreAgent;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.DatabaseErrors;
import org.zstack.cp.api.NoParams;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.api.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.db.DatabaseDeadline;
import org.zstack.cp.secret.SecretBox;
import org.zstack.cp.tag.TagService;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * ImageStore backup storages. Agent calls happen outside any transaction; every write takes the backup storage's
 * row lock first, so updates, reconnects and their capacity rows never interleave.
 */
@ApplicationScoped
public class ImageStoreBackupStorageService {
    static final String RESOURCE_TYPE = "ImageStoreBackupStorageVO";
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(ImageStoreBackupStorageInventory.class)
            .text("uuid", "name", "url", "description", "type", "hostname", "username")
            .integer("sshPort")
            .enumeration("state", BackupStorageState.values()).enumeration("status", BackupStorageStatus.values())
            .date("createDate", "lastOpDate");
    private final BackupStorageRepositories.ImageStores stores;
    private final BackupStorageRepositories.Capacities capacities;
    private final BackupStorageRepositories.ZoneRefs zoneRefs;
    private final ImageStoreAgent agent;
    private final SecretBox secrets;
    private final TagService tags;
    private final Transactions transactions;

    ImageStoreBackupStorageService(BackupStorageRepositories.ImageStores stores,
                                   BackupStorageRepositories.Capacities capacities,
                                   BackupStorageRepositories.ZoneRefs zoneRefs, ImageStoreAgent agent,
                                   SecretBox secrets, TagService tags, Transactions transactions) {
        this.stores = stores;
        this.capacities = capacities;
        this.zoneRefs = zoneRefs;
        this.agent = agent;
        this.secrets = secrets;
        this.tags = tags;
        this.transactions = transactions;
    }

    public Uni<ImageStoreBackupStorageInventory> add(ApiRequest<AddImageStoreBackupStorageParams> request) {
        AddImageStoreBackupStorageParams p = request.params();
        return transactions.withSession(() -> stores.hostnameTaken(p.hostname(), null)).flatMap(taken -> {
            if (taken) {
                throw duplicateHostname(p.hostname());
            }
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            String uuid = Uuids.random();
            int agentPort = Objects.requireNonNullElse(p.agentPort(), AddImageStoreBackupStorageParams.DEFAULT_AGENT_PORT);
            return agent.connect(new AgentEndpoint(p.hostname(), agentPort), uuid, p.url())
                    .flatMap(capacity -> transactions.concluding(() -> store(uuid, agentPort, request, capacity)))
                    .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> duplicateHostname(p.hostname()));
        });
    }

    private Uni<ImageStoreBackupStorageInventory> store(String uuid, int agentPort,
                                                        ApiRequest<AddImageStoreBackupStorageParams> request,
                                                        ImageStoreAgent.Capacity capacity) {
        AddImageStoreBackupStorageParams p = request.params();
        ImageStoreBackupStorageEntity bs = new ImageStoreBackupStorageEntity();
        bs.uuid = uuid;
        bs.name = p.name();
        bs.url = p.url();
        bs.description = p.description();
        bs.type = ImageStoreBackupStorageEntity.TYPE;
        bs.state = BackupStorageState.Enabled;
        bs.status = BackupStorageStatus.Connected;
        bs.hostname = p.hostname();
        bs.username = p.username();
        bs.passwordEncrypted = secrets.encrypt(p.password().reveal());
        bs.sshPort = Objects.requireNonNullElse(p.sshPort(), AddImageStoreBackupStorageParams.DEFAULT_SSH_PORT);
        bs.agentPort = agentPort;
        BackupStorageCapacityEntity capacityRow = BackupStorageCapacityEntity.of(uuid, capacity);
        List<String> zones = p.zoneUuids() == null ? List.of() : p.zoneUuids().stream().distinct().toList();
        List<BackupStorageZoneRefEntity> refs = zones.stream().map(zone -> {
            BackupStorageZoneRefEntity ref = new BackupStorageZoneRefEntity();
            ref.backupStorageUuid = uuid;
            ref.zoneUuid = zone;
            return ref;
        }).toList();
        return stores.persist(bs)
                .flatMap(v -> capacities.persist(capacityRow))
                .flatMap(v -> refs.isEmpty() ? Uni.createFrom().voidItem() : zoneRefs.persist(refs))
                .flatMap(v -> tags.attach(uuid, RESOURCE_TYPE, request.tags()))
                .flatMap(v -> stores.flush())
                .map(v -> ImageStoreBackupStorageInventory.of(bs, capacityRow, zones));
    }

    /**
     * A change of the name or description alone, without tags, is one statement; anything else (the SSH
     * settings, tags, validationOnly) reads the row under its lock, checks the hostname, and writes in one transaction.
     */
    public Uni<ImageStoreBackupStorageInventory> update(ApiRequest<UpdateImageStoreBackupStorageParams> request) {
        UpdateImageStoreBackupStorageParams p = request.params();
        String uuid = request.targetUuid();
        if (p.onlyNameOrDescription() && request.tags().isEmpty() && !request.validationOnly()) {
            return transactions.writeOrExplain(stores.updateNameAndDescription(uuid, p.name(), p.description()),
                    () -> lockedUpdate(request));
        }
        return transactions.concluding(() -> lockedUpdate(request))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> duplicateHostname(p.hostname()));
    }

    private Uni<ImageStoreBackupStorageInventory> lockedUpdate(
            ApiRequest<UpdateImageStoreBackupStorageParams> request) {
        UpdateImageStoreBackupStorageParams p = request.params();
        String uuid = request.targetUuid();
        return stores.requireForUpdate(uuid).flatMap(bs -> {
                    boolean newHostname = p.hostname() != null && !p.hostname().equals(bs.hostname);
                    Uni<Boolean> taken = newHostname ? stores.hostnameTaken(p.hostname(), uuid)
                            : Uni.createFrom().item(false);
                    return taken.flatMap(isTaken -> {
                        if (isTaken) {
                            throw duplicateHostname(p.hostname());
                        }
                        if (request.validationOnly()) {
                            return Uni.createFrom().<ImageStoreBackupStorageInventory>nullItem();
                        }
                        apply(p, bs);
                        return tags.attach(uuid, RESOURCE_TYPE, request.tags())
                                .flatMap(v -> stores.flush())
                                .flatMap(v -> inventoryOf(bs));
                    });
                });
    }

    private void apply(UpdateImageStoreBackupStorageParams p, ImageStoreBackupStorageEntity bs) {
        bs.name = given(p.name(), bs.name);
        bs.description = given(p.description(), bs.description);
        bs.hostname = given(p.hostname(), bs.hostname);
        bs.username = given(p.username(), bs.username);
        bs.sshPort = given(p.sshPort(), bs.sshPort);
        if (p.password() != null) {
            bs.passwordEncrypted = secrets.encrypt(p.password().reveal());
        }
        bs.lastOpDate = Instant.now();
    }

    private static <T> T given(T value, T current) {
        return value != null ? value : current;
    }

    /**
     * Reads the capacity from the agent, then writes the status and the capacity together: Connected with the new
     * capacity, or Disconnected with the old one kept, in which case the call still fails with the agent's error.
     */
    public Uni<ImageStoreBackupStorageInventory> reconnect(ApiRequest<NoParams> request) {
        String uuid = request.targetUuid();
        return transactions.withSession(() -> stores.require(uuid)).flatMap(bs -> {
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            return agent.connect(bs.agentEndpoint(), bs.uuid, bs.url)
                    .map(ConnectResult::connected)
                    .onFailure(ApiException.class).recoverWithItem(e -> ConnectResult.failed((ApiException) e))
                    .flatMap(result -> result.failure() == null
                            ? transactions.concluding(() -> recordConnection(uuid, result, request))
                            : transactions.concludingWithFailure(result.failure(),
                                    () -> recordConnection(uuid, result, request)));
        });
    }

    private Uni<ImageStoreBackupStorageInventory> recordConnection(String uuid, ConnectResult result,
                                                                   ApiRequest<NoParams> request) {
        return stores.requireForUpdate(uuid).flatMap(bs -> {
            bs.status = result.capacity() != null ? BackupStorageStatus.Connected : BackupStorageStatus.Disconnected;
            bs.lastOpDate = Instant.now();
            Uni<Void> capacityWritten = result.capacity() == null ? Uni.createFrom().voidItem()
                    : capacities.findById(uuid).flatMap(row -> {
                        if (row == null) {
                            return capacities.persist(BackupStorageCapacityEntity.of(uuid, result.capacity()))
                                    .replaceWithVoid();
                        }
                        row.totalCapacity = result.capacity().totalCapacity();
                        row.availableCapacity = result.capacity().availableCapacity();
                        return Uni.createFrom().voidItem();
                    });
            return capacityWritten
                    .flatMap(v -> tags.attach(uuid, RESOURCE_TYPE, request.tags()))
                    .flatMap(v -> stores.flush())
                    .flatMap(v -> inventoryOf(bs));
        });
    }

    private record ConnectResult(ImageStoreAgent.Capacity capacity, ApiException failure) {
        static ConnectResult connected(ImageStoreAgent.Capacity capacity) {
            return new ConnectResult(capacity, null);
        }

        static ConnectResult failed(ApiException failure) {
            return new ConnectResult(null, failure);
        }

    }

    public Uni<Void> delete(String uuid) {
        return transactions.concluding(() -> stores.lock(uuid)
                .flatMap(found -> found ? stores.deleteById(uuid) : Uni.createFrom().item(false))
                .flatMap(deleted -> tags.detachAll(uuid)));
    }

    public Uni<Replies.Inventories<ImageStoreBackupStorageInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.page(stores, query)
                .flatMap(page -> inventoriesOf(page.rows()).map(list -> Replies.inventories(list, page.total()))));
    }

    private Uni<ImageStoreBackupStorageInventory> inventoryOf(ImageStoreBackupStorageEntity bs) {
        return inventoriesOf(List.of(bs)).map(list -> list.get(0));
    }

    private Uni<List<ImageStoreBackupStorageInventory>> inventoriesOf(List<ImageStoreBackupStorageEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> uuids = rows.stream().map(bs -> bs.uuid).toList();
        return capacities.of(uuids).flatMap(caps -> zoneRefs.of(uuids).map(refs -> {
            Map<String, BackupStorageCapacityEntity> capacityByUuid = caps.stream()
                    .collect(Collectors.toMap(c -> c.backupStorageUuid, Function.identity()));
            Map<String, List<String>> zonesByUuid = refs.stream().collect(Collectors.groupingBy(
                    r -> r.backupStorageUuid, Collectors.mapping(r -> r.zoneUuid, Collectors.toList())));
            return rows.stream().map(bs -> ImageStoreBackupStorageInventory.of(bs, capacityByUuid.get(bs.uuid),
                    zonesByUuid.getOrDefault(bs.uuid, List.of()))).toList();
        }));
    }

    private static ApiException duplicateHostname(String hostname) {
        return ApiException.invalidArgument("field [hostname]: a backup storage with the hostname [" + hostname
                + "] already exists");
    }
}
