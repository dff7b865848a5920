package org.zstack.cp.tag;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.api.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Tags;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.TransactionSql;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Attaches request tags to resources, once per (resource, tag), inside the caller's transaction. */
@ApplicationScoped
public class TagService {
    /** Both tag inventories have the same fields, so either names what {@code fields=} may select. */
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(SystemTagInventory.class)
            .text("uuid", "resourceUuid", "resourceType", "tag").date("createDate", "lastOpDate");
    private final TagRepositories.SystemTags systemTags;
    private final TagRepositories.UserTags userTags;

    TagService(TagRepositories.SystemTags systemTags, TagRepositories.UserTags userTags) {
        this.systemTags = systemTags;
        this.userTags = userTags;
    }

    /** Must run inside a transaction; a tag that is already attached is left as it is. */
    public Uni<Void> attach(String resourceUuid, String resourceType, Tags tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return attach(TransactionSql.panache(), resourceUuid, resourceType, tags);
    }

    /** {@link #attach(String, String, Tags)} in the transaction of {@code transaction} (a pool connection's). */
    public Uni<Void> attach(TransactionSql transaction, String resourceUuid, String resourceType, Tags tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return insert(transaction, "system_tag", resourceUuid, resourceType, tags.storedSystemTags())
                .flatMap(v -> insert(transaction, "user_tag", resourceUuid, resourceType, tags.userTags()));
    }

    /** Must run inside a transaction; removes every tag of a deleted resource. */
    public Uni<Void> detachAll(String resourceUuid) {
        return systemTags.delete("resourceUuid", resourceUuid)
                .flatMap(n -> userTags.delete("resourceUuid", resourceUuid))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Replies.Inventories<SystemTagInventory>> querySystemTags(Query query) {
        return QueryRunner.run(systemTags, query, SystemTagInventory::from);
    }

    @WithSession
    public Uni<Replies.Inventories<UserTagInventory>> queryUserTags(Query query) {
        return QueryRunner.run(userTags, query, UserTagInventory::from);
    }

    private static Uni<Void> insert(TransactionSql transaction, String table, String resourceUuid,
                                    String resourceType, List<String> tags) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Multi.createFrom().iterable(tags)
                .onItem().transformToUniAndConcatenate(tag -> transaction.update("INSERT INTO " + table
                        + " (uuid, resource_uuid, resource_type, tag, create_date, last_op_date) "
                        + "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (resource_uuid, tag) DO NOTHING",
                        Uuids.random(), resourceUuid, resourceType, tag, now))
                .collect().last()
                .replaceWithVoid();
    }
}
