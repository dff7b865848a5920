package org.zstack.cp.backupstorage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.db.Statement;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.secret.SecretBox;
import org.zstack.cp.tag.TagService;

/**
 * ImageStore backup storages: update, delete and query ({@link ImageStoreBackupStorageConnections} adds and
 * reconnects). Every write takes the backup storage's row lock first, so updates, reconnects and their capacity
 * rows never interleave.
 */
@ApplicationScoped
public class ImageStoreBackupStorageService {
    static final String RESOURCE_TYPE = "ImageStoreBackupStorageVO";
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(ImageStoreBackupStorageInventory.class)
            .text("uuid", "name", "url", "description", "type", "hostname", "username")
            .integer("sshPort")
            .enumeration("state", BackupStorageState.values()).enumeration("status", BackupStorageStatus.values())
            .date("createDate", "lastOpDate");
    static final String RESOURCE = "backup storage";
    private final ImageStoreBackupStorageRepository stores;
    private final ImageStoreBackupStorageInventories inventories;
    private final SecretBox secrets;
    private final TagService tags;
    private final Transactions transactions;

    ImageStoreBackupStorageService(ImageStoreBackupStorageRepository stores,
                                   ImageStoreBackupStorageInventories inventories, SecretBox secrets,
                                   TagService tags, Transactions transactions) {
        this.stores = stores;
        this.inventories = inventories;
        this.secrets = secrets;
        this.tags = tags;
        this.transactions = transactions;
    }

    /**
     * One write path: the statement of {@link ImageStoreBackupStorageRepository#update} writes every field given
     * (the password sealed first), with the request's tags; when it matches nothing or the hostname is taken,
     * {@link #explainUpdate} finds which.
     */
    public Uni<ImageStoreBackupStorageInventory> update(ApiRequest<UpdateImageStoreBackupStorageParams> request) {
        UpdateImageStoreBackupStorageParams p = request.params();
        String uuid = request.targetUuid();
        Statement<ImageStoreBackupStorageRepository.Updated> write = stores.update(uuid,
                new ImageStoreBackupStorageRepository.Changes(p.name(), p.description(), p.hostname(), p.username(),
                        p.password() == null ? null : secrets.encrypt(p.password().reveal()), p.sshPort()));
        if (!request.tags().isEmpty()) {
            write = write.then((sql, updated) -> tags.attach(sql, uuid, RESOURCE_TYPE, request.tags()));
        }
        return transactions.writeOrExplain(write.map(u -> ImageStoreBackupStorageInventory.of(u.backupStorage(),
                u.capacity(), u.zoneUuids())), request.validationOnly(), () -> explainUpdate(uuid, p.hostname()));
    }

    /** The first rule of the update that fails, as a failure: no such backup storage, then the hostname. */
    private Uni<Void> explainUpdate(String uuid, String hostname) {
        return stores.findById(uuid).onItem().ifNull().failWith(() -> notFound(uuid))
                .flatMap(bs -> hostname == null || hostname.equals(bs.hostname) ? Uni.createFrom().item(false)
                        : stores.hostnameTaken(hostname, uuid))
                .map(taken -> {
                    if (taken) {
                        throw duplicateHostname(hostname);
                    }
                    return null;
                });
    }

    public Uni<Void> delete(String uuid) {
        return transactions.concluding(() -> stores.lock(uuid)
                .flatMap(found -> found ? stores.deleteById(uuid) : Uni.createFrom().item(false))
                .flatMap(deleted -> tags.detachAll(uuid)));
    }

    public Uni<Replies.Inventories<ImageStoreBackupStorageInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.page(stores, query)
                .flatMap(page -> inventories.of(page.rows()).map(list -> Replies.inventories(list, page.total()))));
    }

    static ApiException notFound(String uuid) {
        return ApiException.notFound(RESOURCE, uuid);
    }

    static ApiException duplicateHostname(String hostname) {
        return ApiException.invalidArgument("field [hostname]: a backup storage with the hostname [" + hostname
                + "] already exists");
    }
}
