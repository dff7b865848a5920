package org.zstack.cp.backupstorage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.agent.ImageStoreAgent;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.DatabaseErrors;
import org.zstack.cp.api.NoParams;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.secret.SecretBox;
import org.zstack.cp.tag.TagService;

import java.util.List;
import java.util.Objects;

/**
 * AddImageStoreBackupStorage and ReconnectImageStoreBackupStorage: the operations that call the agent, outside
 * any transaction, and then write what it answered under the backup storage's row lock.
 */
@ApplicationScoped
public class ImageStoreBackupStorageConnections {
    private static final String RESOURCE_TYPE = ImageStoreBackupStorageService.RESOURCE_TYPE;
    private final ImageStoreBackupStorageRepository stores;
    private final BackupStorageCapacityRepository capacities;
    private final BackupStorageZoneRefRepository zoneRefs;
    private final ImageStoreBackupStorageInventories inventories;
    private final ImageStoreAgent agent;
    private final SecretBox secrets;
    private final TagService tags;
    private final Transactions transactions;

    ImageStoreBackupStorageConnections(ImageStoreBackupStorageRepository stores,
                                       BackupStorageCapacityRepository capacities,
                                       BackupStorageZoneRefRepository zoneRefs,
                                       ImageStoreBackupStorageInventories inventories, ImageStoreAgent agent,
                                       SecretBox secrets, TagService tags, Transactions transactions) {
        this.stores = stores;
        this.capacities = capacities;
        this.zoneRefs = zoneRefs;
        this.inventories = inventories;
        this.agent = agent;
        this.secrets = secrets;
        this.tags = tags;
        this.transactions = transactions;
    }

    public Uni<ImageStoreBackupStorageInventory> add(ApiRequest<AddImageStoreBackupStorageParams> request) {
        AddImageStoreBackupStorageParams p = request.params();
        return transactions.withSession(() -> stores.hostnameTaken(p.hostname(), null)).flatMap(taken -> {
            if (taken) {
                throw ImageStoreBackupStorageService.duplicateHostname(p.hostname());
            }
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            String uuid = Uuids.random();
            int agentPort = Objects.requireNonNullElse(p.agentPort(),
                    AddImageStoreBackupStorageParams.DEFAULT_AGENT_PORT);
            return agent.connect(new AgentEndpoint(p.hostname(), agentPort), uuid, p.url())
                    .flatMap(capacity -> transactions.concluding(() -> store(uuid, agentPort, request, capacity)))
                    .onFailure(DatabaseErrors::isUniqueViolation)
                    .transform(e -> ImageStoreBackupStorageService.duplicateHostname(p.hostname()));
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
     * Reads the capacity from the agent, then writes the status and the capacity together: Connected with the new
     * capacity, or Disconnected with the old one kept, in which case the call still fails with the agent's error.
     */
    public Uni<ImageStoreBackupStorageInventory> reconnect(ApiRequest<NoParams> request) {
        String uuid = request.targetUuid();
        return transactions.withSession(() -> stores.findById(uuid))
                .onItem().ifNull().failWith(() -> ImageStoreBackupStorageService.notFound(uuid)).flatMap(bs -> {
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
        return stores.lockAndFind(uuid)
                .onItem().ifNull().failWith(() -> ImageStoreBackupStorageService.notFound(uuid)).flatMap(bs -> {
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
                    .flatMap(v -> stores.recordStatus(bs, result.capacity() != null ? BackupStorageStatus.Connected
                            : BackupStorageStatus.Disconnected))
                    .flatMap(v -> tags.attach(uuid, RESOURCE_TYPE, request.tags()))
                    .flatMap(v -> stores.flush())
                    .flatMap(v -> inventories.of(bs));
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
}
