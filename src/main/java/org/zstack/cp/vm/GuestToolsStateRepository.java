package org.zstack.cp.vm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.zstack.cp.db.DatabaseDeadline;
import org.zstack.cp.db.PipelinedStatements;
import org.zstack.cp.db.TransactionSql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

@ApplicationScoped
public class GuestToolsStateRepository implements PanacheRepositoryBase<GuestToolsStateEntity, String> {
    /** The columns {@link #snapshot} reads, from a query that names the table {@code g}. */
    static final String COLUMNS = "g.vm_instance_uuid, g.qga_state, g.zwatch_state, g.version, "
            + "g.platform AS g_platform, g.os_type, g.create_date, g.last_op_date";
    /**
     * The one write of a row: the new state and {@code last_op_date}, only if the row still holds the state it was
     * computed from (a version check on the whole state).
     */
    private static final String UPDATE = "UPDATE guest_tools_state SET qga_state = $2, zwatch_state = $3, "
            + "version = $4, platform = $5, os_type = $6, last_op_date = $7 WHERE vm_instance_uuid = $1 "
            + "AND qga_state = $8 AND zwatch_state = $9 AND version IS NOT DISTINCT FROM $10 "
            + "AND platform IS NOT DISTINCT FROM $11 AND os_type IS NOT DISTINCT FROM $12";
    private final SqlClient pool;
    private final DatabaseDeadline deadlines;

    GuestToolsStateRepository(PipelinedStatements statements, DatabaseDeadline deadlines) {
        this.pool = statements.client();
        this.deadlines = deadlines;
    }

    /** The row of {@link #COLUMNS}; null when the query found none (a left join). */
    static GuestToolsSnapshot snapshot(Row row) {
        if (row.getString("vm_instance_uuid") == null) {
            return null;
        }
        return new GuestToolsSnapshot(row.getString("vm_instance_uuid"), QgaState.valueOf(row.getString("qga_state")),
                ZWatchState.valueOf(row.getString("zwatch_state")), row.getString("version"),
                row.getString("g_platform"), row.getString("os_type"),
                row.getOffsetDateTime("create_date").toInstant(), row.getOffsetDateTime("last_op_date").toInstant());
    }

    /**
     * {@code next} in place of {@code expected}: one statement on the pool, a transaction by itself, under the
     * database deadline; empty when another call changed the row first.
     */
    Uni<Optional<GuestToolsSnapshot>> compareAndSet(GuestToolsSnapshot expected, GuestToolsSnapshot next) {
        return deadlines.statement(() -> write(TransactionSql.on(pool), expected, next));
    }

    /** The row locked until the transaction ends ({@code SELECT ... FOR UPDATE}); null when there is none. */
    Uni<GuestToolsSnapshot> findForUpdate(String vmUuid) {
        return findById(vmUuid, LockModeType.PESSIMISTIC_WRITE)
                .map(row -> row == null ? null : GuestToolsSnapshot.of(row));
    }

    /** Writes {@code next} over the row this transaction has locked by {@link #findForUpdate}. */
    Uni<GuestToolsSnapshot> update(GuestToolsSnapshot locked, GuestToolsSnapshot next) {
        return write(TransactionSql.panache(), locked, next).map(Optional::orElseThrow);
    }

    private static Uni<Optional<GuestToolsSnapshot>> write(TransactionSql sql, GuestToolsSnapshot expected,
                                                           GuestToolsSnapshot next) {
        Instant now = Instant.now();
        return sql.update(UPDATE, expected.vmInstanceUuid(), next.qgaState().name(), next.zwatchState().name(),
                        next.version(), next.platform(), next.osType(), now.atOffset(ZoneOffset.UTC),
                        expected.qgaState().name(), expected.zwatchState().name(), expected.version(),
                        expected.platform(), expected.osType())
                .map(written -> written == 1 ? Optional.of(next.withLastOpDate(now)) : Optional.empty());
    }
}
