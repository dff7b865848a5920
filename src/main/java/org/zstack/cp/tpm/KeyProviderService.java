package org.zstack.cp.tpm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.DatabaseErrors;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.tag.TagService;

import java.util.Objects;

@ApplicationScoped
public class KeyProviderService {
    static final String RESOURCE_TYPE = "KeyProviderVO";
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(KeyProviderInventory.class)
            .text("uuid", "name", "type", "description").date("createDate", "lastOpDate");
    private final KeyProviderRepository keyProviders;
    private final TpmRepository tpms;
    private final TagService tags;
    private final Transactions transactions;

    KeyProviderService(KeyProviderRepository keyProviders, TpmRepository tpms, TagService tags,
                       Transactions transactions) {
        this.keyProviders = keyProviders;
        this.tpms = tpms;
        this.tags = tags;
        this.transactions = transactions;
    }

    public Uni<KeyProviderInventory> add(ApiRequest<AddKeyProviderParams> request) {
        if (request.validationOnly()) {
            return Uni.createFrom().nullItem();
        }
        AddKeyProviderParams p = request.params();
        return transactions.concluding(() -> {
            KeyProviderEntity k = new KeyProviderEntity();
            k.uuid = Uuids.random();
            k.name = p.name();
            k.type = Objects.requireNonNullElse(p.type(), AddKeyProviderParams.DEFAULT_TYPE);
            k.description = p.description();
            return keyProviders.persistAndFlush(k)
                    .flatMap(saved -> tags.attach(k.uuid, RESOURCE_TYPE, request.tags()))
                    .map(v -> KeyProviderInventory.from(k));
        });
    }

    public Uni<Replies.Inventories<KeyProviderInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.run(keyProviders, query, KeyProviderInventory::from));
    }

    /** Refused with SYS.1006 while a TPM uses the key provider. */
    public Uni<Void> delete(String uuid) {
        return transactions.concluding(() -> tpms.countUsing(uuid).flatMap(users -> {
                    if (users > 0) {
                        throw inUse(uuid, users);
                    }
                    return keyProviders.deleteById(uuid).flatMap(deleted -> keyProviders.flush());
                })
                .flatMap(v -> tags.detachAll(uuid)))
                .onFailure(DatabaseErrors::isForeignKeyViolation).transform(e -> inUse(uuid, 1));
    }

    private static ApiException inUse(String uuid, long users) {
        return ApiException.operationFailure("the key provider [uuid:" + uuid + "] is used by " + users
                + " TPM(s); change their key provider or remove them first");
    }
}
