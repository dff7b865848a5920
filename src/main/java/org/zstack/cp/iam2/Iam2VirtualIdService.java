package org.zstack.cp.iam2;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.DatabaseErrors;
import org.zstack.cp.api.Password;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Statement;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.secret.PasswordHasher;
import org.zstack.cp.tag.TagService;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * IAM2 virtual IDs. Passwords are hashed and checked before the transaction opens; the update's statement then
 * requires the stored hash to be the one the old password matched, so a concurrent change cannot slip between the
 * check and the write.
 */
@ApplicationScoped
public class Iam2VirtualIdService {
    static final String RESOURCE_TYPE = "IAM2VirtualIDVO";
    static final String RESOURCE = "IAM2 virtual ID";
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(Iam2VirtualIdInventory.class)
            .text("uuid", "name", "description", "type")
            .enumeration("state", Iam2VirtualIdState.values())
            .date("createDate", "lastOpDate");
    private final Iam2VirtualIdRepository virtualIds;
    private final Iam2AttributeRepository attributes;
    private final PasswordHasher hasher;
    private final TagService tags;
    private final Transactions transactions;

    Iam2VirtualIdService(Iam2VirtualIdRepository virtualIds, Iam2AttributeRepository attributes,
                         PasswordHasher hasher, TagService tags, Transactions transactions) {
        this.virtualIds = virtualIds;
        this.attributes = attributes;
        this.hasher = hasher;
        this.tags = tags;
        this.transactions = transactions;
    }

    public Uni<Iam2VirtualIdInventory> create(ApiRequest<CreateIam2VirtualIdParams> request) {
        CreateIam2VirtualIdParams p = request.params();
        return hashOf(p.password()).flatMap(hash -> transactions.concluding(() ->
                        virtualIds.nameTaken(p.name(), null).flatMap(taken -> {
                            if (taken) {
                                throw duplicateName(p.name());
                            }
                            if (request.validationOnly()) {
                                return Uni.createFrom().<Iam2VirtualIdInventory>nullItem();
                            }
                            Iam2VirtualIdEntity v = new Iam2VirtualIdEntity();
                            v.uuid = Uuids.random();
                            v.name = p.name();
                            v.description = p.description();
                            v.passwordHash = hash;
                            v.state = Iam2VirtualIdState.Enabled;
                            v.type = Iam2VirtualIdEntity.TYPE;
                            List<Iam2AttributeEntity> attrs = p.attributes() == null ? List.of()
                                    : p.attributes().stream().map(a -> attribute(v.uuid, a)).toList();
                            return virtualIds.persist(v)
                                    .flatMap(x -> attrs.isEmpty() ? Uni.createFrom().voidItem() : attributes.persist(attrs))
                                    .flatMap(x -> tags.attach(v.uuid, RESOURCE_TYPE, request.tags()))
                                    .flatMap(x -> virtualIds.flush())
                                    .map(x -> Iam2VirtualIdInventory.of(v, attrs));
                        })))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> duplicateName(p.name()));
    }

    /**
     * One write path: the statement of {@link Iam2VirtualIdRepository#update} writes the fields given, with the
     * request's tags, where the stored password hash is still the one {@code oldPassword} was checked against
     * (before any transaction, as hashing is slow); when it matches nothing, {@link #explain} finds which rule
     * failed. The name's uniqueness is the database's.
     */
    public Uni<Iam2VirtualIdInventory> update(ApiRequest<UpdateIam2VirtualIdParams> request) {
        UpdateIam2VirtualIdParams p = request.params();
        String uuid = request.targetUuid();
        return hashOf(p.password()).flatMap(newHash -> checkOldPassword(uuid, p.oldPassword())
                .flatMap(checkedHash -> write(request, new Iam2VirtualIdRepository.Changes(p.name(),
                        p.description(), newHash, checkedHash, null), p.name(), checkedHash)));
    }

    public Uni<Iam2VirtualIdInventory> changeState(ApiRequest<ChangeIam2VirtualIdStateParams> request) {
        return write(request, new Iam2VirtualIdRepository.Changes(null, null, null, null,
                request.params().target()), null, null);
    }

    private Uni<Iam2VirtualIdInventory> write(ApiRequest<?> request, Iam2VirtualIdRepository.Changes changes,
                                              String name, String checkedHash) {
        String uuid = request.targetUuid();
        Statement<Iam2VirtualIdRepository.Updated> write = virtualIds.update(uuid, changes);
        if (!request.tags().isEmpty()) {
            write = write.then((sql, updated) -> tags.attach(sql, uuid, RESOURCE_TYPE, request.tags()));
        }
        return transactions.writeOrExplain(write.map(u -> Iam2VirtualIdInventory.of(u.virtualId(), u.attributes())),
                request.validationOnly(), () -> explain(uuid, name, checkedHash));
    }

    /** The first rule of the update that fails, as a failure: no such virtual ID, the name, the password. */
    private Uni<Void> explain(String uuid, String name, String checkedHash) {
        return virtualIds.findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid))
                .flatMap(v -> requireFreeName(name, v))
                .invoke(v -> requireUnchangedPassword(checkedHash, v))
                .replaceWithVoid();
    }

    public Uni<Void> delete(String uuid) {
        return transactions.concluding(() -> virtualIds.deleteById(uuid).flatMap(deleted -> tags.detachAll(uuid)));
    }

    public Uni<Replies.Inventories<Iam2VirtualIdInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.page(virtualIds, query).flatMap(page ->
                inventoriesOf(page.rows()).map(list -> Replies.inventories(list, page.total()))));
    }

    private Uni<List<Iam2VirtualIdInventory>> inventoriesOf(List<Iam2VirtualIdEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return attributes.of(rows.stream().map(v -> v.uuid).toList()).map(attrs -> {
            Map<String, List<Iam2AttributeEntity>> byId = attrs.stream()
                    .collect(Collectors.groupingBy(a -> a.virtualIdUuid));
            return rows.stream().map(v -> Iam2VirtualIdInventory.of(v, byId.getOrDefault(v.uuid, List.of()))).toList();
        });
    }

    private Uni<Iam2VirtualIdEntity> requireFreeName(String name, Iam2VirtualIdEntity v) {
        if (name == null || name.equals(v.name)) {
            return Uni.createFrom().item(v);
        }
        return virtualIds.nameTaken(name, v.uuid).map(taken -> {
            if (taken) {
                throw duplicateName(name);
            }
            return v;
        });
    }

    /**
     * Checks {@code oldPassword} against the stored hash before any transaction opens, and answers the hash it
     * matched (null without {@code oldPassword}).
     */
    private Uni<String> checkOldPassword(String uuid, Password oldPassword) {
        if (oldPassword == null) {
            return Uni.createFrom().nullItem();
        }
        return transactions.withSession(() -> virtualIds.findById(uuid))
                .onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid))
                .flatMap(v -> hasher.verifyAsync(oldPassword.reveal(), v.passwordHash).map(matches -> {
                    if (!matches) {
                        throw ApiException.operationFailure("field [oldPassword] does not match the current password "
                                + "of the IAM2 virtual ID [uuid:" + uuid + "]");
                    }
                    return v.passwordHash;
                }));
    }

    /** The password checked before the transaction is still the current one. */
    private static void requireUnchangedPassword(String checkedHash, Iam2VirtualIdEntity v) {
        if (checkedHash != null && !checkedHash.equals(v.passwordHash)) {
            throw ApiException.operationFailure("the password of the IAM2 virtual ID [uuid:" + v.uuid
                    + "] changed while field [oldPassword] was checked; try again");
        }
    }

    private Uni<String> hashOf(Password password) {
        return password == null ? Uni.createFrom().nullItem() : hasher.hashAsync(password.reveal());
    }

    private static Iam2AttributeEntity attribute(String virtualIdUuid, CreateIam2VirtualIdParams.Attribute a) {
        Iam2AttributeEntity e = new Iam2AttributeEntity();
        e.uuid = Uuids.random();
        e.virtualIdUuid = virtualIdUuid;
        e.name = a.name();
        e.value = a.value();
        e.type = Iam2AttributeEntity.CUSTOMIZED;
        return e;
    }

    private static ApiException duplicateName(String name) {
        return ApiException.invalidArgument("field [name]: an IAM2 virtual ID named [" + name + "] already exists");
    }
}
