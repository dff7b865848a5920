package org.zstack.cp.tag;

import io.quarkus.hibernate.reactive.panache.Panache;
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
        return insert("system_tag", resourceUuid, resourceType, tags.storedSystemTags())
                .flatMap(v -> insert("user_tag", resourceUuid, resourceType, tags.userTags()));
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

    private static Uni<Void> insert(String table, String resourceUuid, String resourceType, List<String> tags) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Multi.createFrom().iterable(tags)
                .onItem().transformToUniAndConcatenate(tag -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery("INSERT INTO " + table + " (uuid, resource_uuid, resource_type, tag, "
                                + "create_date, last_op_date) VALUES (:uuid, :resource, :type, :tag, :now, :now) "
                                + "ON CONFLICT (resource_uuid, tag) DO NOTHING")
                        .setParameter("uuid", Uuids.random())
                        .setParameter("resource", resourceUuid)
                        .setParameter("type", resourceType)
                        .setParameter("tag", tag)
                        .setParameter("now", now)
                        .executeUpdate()))
                .collect().last()
                .replaceWithVoid();
    }
}
