package org.zstack.cp.tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.Uuids;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The tables {@code system_tag} and {@code user_tag}: a repository for each, and all their SQL. */
final class TagRepositories {
    /** One row per (resource, tag): attaching a tag that is there already changes nothing. */
    private static final String INSERT = "INSERT INTO %s (uuid, resource_uuid, resource_type, tag, create_date, "
            + "last_op_date) VALUES (:uuid, :resource, :type, :tag, :now, :now) "
            + "ON CONFLICT (resource_uuid, tag) DO NOTHING";

    private TagRepositories() {
    }

    @ApplicationScoped
    static class SystemTags implements PanacheRepositoryBase<SystemTagEntity, String> {
        Uni<Void> attach(String resourceUuid, String resourceType, List<String> tags) {
            return insert("system_tag", resourceUuid, resourceType, tags);
        }

        Uni<Long> detachAll(String resourceUuid) {
            return delete("resourceUuid", resourceUuid);
        }
    }

    @ApplicationScoped
    static class UserTags implements PanacheRepositoryBase<UserTagEntity, String> {
        Uni<Void> attach(String resourceUuid, String resourceType, List<String> tags) {
            return insert("user_tag", resourceUuid, resourceType, tags);
        }

        Uni<Long> detachAll(String resourceUuid) {
            return delete("resourceUuid", resourceUuid);
        }
    }

    private static Uni<Void> insert(String table, String resourceUuid, String resourceType, List<String> tags) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String sql = INSERT.formatted(table);
        return Multi.createFrom().iterable(tags)
                .onItem().transformToUniAndConcatenate(tag -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery(sql)
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
