package org.zstack.cp.iam2;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.LockModeType;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.db.Statement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class Iam2Repositories {
    static final String RESOURCE = "IAM2 virtual ID";

    private Iam2Repositories() {
    }

    @ApplicationScoped
    static class VirtualIds implements PanacheRepositoryBase<Iam2VirtualIdEntity, String> {
        /** Writes the given columns in one statement and reads back the inventory with its attributes. */
        private static final String UPDATE_COLUMNS = "WITH v AS (UPDATE iam2_virtual_id SET "
                + "name = COALESCE($2, name), description = COALESCE($3, description), "
                + "password_hash = COALESCE($4, password_hash), last_op_date = $5 WHERE uuid = $1 "
                + "RETURNING uuid, name, description, state, type, create_date, last_op_date) "
                + "SELECT v.*, a.uuid AS a_uuid, a.name AS a_name, a.value AS a_value, a.type AS a_type, "
                + "a.create_date AS a_create_date, a.last_op_date AS a_last_op_date "
                + "FROM v LEFT JOIN iam2_virtual_id_attribute a ON a.virtual_id_uuid = v.uuid "
                + "ORDER BY a.create_date, a.uuid";
        /** The updated virtual ID; empty when there is none of that UUID. */
        Statement<Iam2VirtualIdInventory> updateColumns(String uuid, String name, String description,
                                                        String passwordHash) {
            return client -> client.preparedQuery(UPDATE_COLUMNS)
                    .execute(Tuple.of(uuid, name, description, passwordHash, OffsetDateTime.now(ZoneOffset.UTC)))
                    .map(rows -> {
                        List<Iam2VirtualIdInventory.Attribute> attributes = new ArrayList<>();
                        Row first = null;
                        for (Row r : rows) {
                            first = first == null ? r : first;
                            if (r.getString("a_uuid") != null) {
                                attributes.add(new Iam2VirtualIdInventory.Attribute(r.getString("a_uuid"),
                                        r.getString("a_name"), r.getString("a_value"), r.getString("a_type"), uuid,
                                        r.getOffsetDateTime("a_create_date").toInstant(),
                                        r.getOffsetDateTime("a_last_op_date").toInstant()));
                            }
                        }
                        if (first == null) {
                            return Optional.<Iam2VirtualIdInventory>empty();
                        }
                        return Optional.of(new Iam2VirtualIdInventory(uuid, first.getString("name"),
                                first.getString("description"), first.getString("type"),
                                Iam2VirtualIdState.valueOf(first.getString("state")),
                                first.getOffsetDateTime("create_date").toInstant(),
                                first.getOffsetDateTime("last_op_date").toInstant(), attributes));
                    });
        }

        Uni<Iam2VirtualIdEntity> requireForUpdate(String uuid) {
            return findById(uuid, LockModeType.PESSIMISTIC_WRITE)
                    .onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
        }

        Uni<Boolean> nameTaken(String name, String exceptUuid) {
            return count("name = ?1 and uuid <> ?2", name, exceptUuid == null ? "" : exceptUuid).map(n -> n > 0);
        }
    }

    @ApplicationScoped
    static class Attributes implements PanacheRepositoryBase<Iam2AttributeEntity, String> {
        Uni<List<Iam2AttributeEntity>> of(Collection<String> virtualIdUuids) {
            return list("virtualIdUuid in ?1 order by createDate, uuid", virtualIdUuids);
        }
    }
}
