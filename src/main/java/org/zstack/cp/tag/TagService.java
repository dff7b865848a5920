package org.zstack.cp.tag;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Tags;
import org.zstack.cp.db.TransactionSql;
import org.zstack.cp.db.Transactions;

/** Attaches request tags to resources, once per (resource, tag), inside the caller's transaction; and DeleteTag. */
@ApplicationScoped
public class TagService {
    /** Both tag inventories have the same fields, so either names what {@code fields=} may select. */
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(SystemTagInventory.class)
            .text("uuid", "resourceUuid", "resourceType", "tag").date("createDate", "lastOpDate");
    private final SystemTagRepository systemTags;
    private final UserTagRepository userTags;
    private final Transactions transactions;

    TagService(SystemTagRepository systemTags, UserTagRepository userTags, Transactions transactions) {
        this.systemTags = systemTags;
        this.userTags = userTags;
        this.transactions = transactions;
    }

    /** Must run inside a Panache transaction; a tag that is already attached is left as it is. */
    public Uni<Void> attach(String resourceUuid, String resourceType, Tags tags) {
        return attach(TransactionSql.panache(), resourceUuid, resourceType, tags);
    }

    /** {@link #attach(String, String, Tags)} in the transaction given (a pool connection's, or Panache's). */
    public Uni<Void> attach(TransactionSql transaction, String resourceUuid, String resourceType, Tags tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return systemTags.attach(transaction, resourceUuid, resourceType, tags.storedSystemTags())
                .flatMap(v -> userTags.attach(transaction, resourceUuid, resourceType, tags.userTags()));
    }

    /** Must run inside a transaction; removes every tag of a deleted resource. */
    public Uni<Void> detachAll(String resourceUuid) {
        return systemTags.detachAll(resourceUuid)
                .flatMap(n -> userTags.detachAll(resourceUuid))
                .replaceWithVoid();
    }

    /**
     * ZStack's DeleteTag: the system or user tag of that UUID is removed. A UUID that names no tag is no error, as in
     * ZStack, whose TagManagerImpl removes by primary key and answers an empty event either way.
     */
    public Uni<Void> delete(String uuid) {
        return transactions.concluding(() -> systemTags.deleteById(uuid)
                .flatMap(system -> userTags.deleteById(uuid))
                .replaceWithVoid());
    }

    public Uni<Replies.Inventories<SystemTagInventory>> querySystemTags(Query query) {
        return transactions.withSession(() -> QueryRunner.run(systemTags, query, SystemTagInventory::from));
    }

    public Uni<Replies.Inventories<UserTagInventory>> queryUserTags(Query query) {
        return transactions.withSession(() -> QueryRunner.run(userTags, query, UserTagInventory::from));
    }
}
