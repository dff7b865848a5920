package org.zstack.cp.iam2;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.db.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class Iam2VirtualIdRepository implements PanacheRepositoryBase<Iam2VirtualIdEntity, String> {
    /**
     * UpdateIAM2VirtualID and ChangeIAM2VirtualIDState: writes the given columns (null keeps a column) where the
     * stored password hash is still the one the old password was checked against ($5, when given), sets
     * {@code last_op_date}, and reads back the row with its attributes. The unique name is the database's.
     */
    private static final String UPDATE = "WITH v AS (UPDATE iam2_virtual_id SET "
            + "name = COALESCE($2, name), description = COALESCE($3, description), "
            + "password_hash = COALESCE($4, password_hash), state = COALESCE($6, state), last_op_date = now() "
            + "WHERE uuid = $1 AND ($5::varchar IS NULL OR password_hash = $5) "
            + "RETURNING uuid, name, description, state, type, create_date, last_op_date) "
            + "SELECT v.*, a.uuid AS a_uuid, a.name AS a_name, a.value AS a_value, a.type AS a_type, "
            + "a.create_date AS a_create_date, a.last_op_date AS a_last_op_date "
            + "FROM v LEFT JOIN iam2_virtual_id_attribute a ON a.virtual_id_uuid = v.uuid "
            + "ORDER BY a.create_date, a.uuid";

    /** What an update writes; a null field keeps the column. {@code checkedHash}: the hash that must be stored. */
    record Changes(String name, String description, String passwordHash, String checkedHash,
                   Iam2VirtualIdState state) {
    }

    /** A virtual ID row and its attributes, as the statement read them back. */
    record Updated(Iam2VirtualIdEntity virtualId, List<Iam2AttributeEntity> attributes) {
    }

    /** The updated virtual ID; empty when there is none of that UUID or its password hash is not the checked one. */
    Statement<Updated> update(String uuid, Changes c) {
        return client -> client.preparedQuery(UPDATE)
                .execute(Tuple.from(java.util.Arrays.asList(uuid, c.name(), c.description(), c.passwordHash(),
                        c.checkedHash(), c.state() == null ? null : c.state().name())))
                .map(rows -> {
                    Updated updated = null;
                    for (Row r : rows) {
                        if (updated == null) {
                            updated = new Updated(virtualId(r), new ArrayList<>());
                        }
                        if (r.getString("a_uuid") != null) {
                            updated.attributes().add(attribute(r, uuid));
                        }
                    }
                    return Optional.ofNullable(updated);
                });
    }

    Uni<Boolean> nameTaken(String name, String exceptUuid) {
        return count("name = ?1 and uuid <> ?2", name, exceptUuid == null ? "" : exceptUuid).map(n -> n > 0);
    }

    private static Iam2VirtualIdEntity virtualId(Row r) {
        Iam2VirtualIdEntity v = new Iam2VirtualIdEntity();
        v.uuid = r.getString("uuid");
        v.name = r.getString("name");
        v.description = r.getString("description");
        v.state = Iam2VirtualIdState.valueOf(r.getString("state"));
        v.type = r.getString("type");
        v.createDate = r.getOffsetDateTime("create_date").toInstant();
        v.lastOpDate = r.getOffsetDateTime("last_op_date").toInstant();
        return v;
    }

    private static Iam2AttributeEntity attribute(Row r, String virtualIdUuid) {
        Iam2AttributeEntity a = new Iam2AttributeEntity();
        a.uuid = r.getString("a_uuid");
        a.virtualIdUuid = virtualIdUuid;
        a.name = r.getString("a_name");
        a.value = r.getString("a_value");
        a.type = r.getString("a_type");
        a.createDate = r.getOffsetDateTime("a_create_date").toInstant();
        a.lastOpDate = r.getOffsetDateTime("a_last_op_date").toInstant();
        return a;
    }
}
