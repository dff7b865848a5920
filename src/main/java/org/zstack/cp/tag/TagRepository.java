package org.zstack.cp.tag;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.TransactionSql;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The SQL both tag tables share: the one INSERT: one row per (resource, tag); attaching a tag that is there changes nothing. */
final class TagRepository {
    private static final String INSERT = "INSERT INTO %s (uuid, resource_uuid, resource_type, tag, create_date, "
            + "last_op_date) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (resource_uuid, tag) DO NOTHING";

    private TagRepository() {
    }

    static Uni<Void> insert(TransactionSql transaction, String table, String resourceUuid, String resourceType,
                            List<String> tags) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String sql = INSERT.formatted(table);
        return Multi.createFrom().iterable(tags)
                .onItem().transformToUniAndConcatenate(tag -> transaction.update(sql, Uuids.random(), resourceUuid,
                        resourceType, tag, now))
                .collect().last()
                .replaceWithVoid();
    }
}
