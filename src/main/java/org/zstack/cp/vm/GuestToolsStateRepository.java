package org.zstack.cp.vm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.db.DatabaseDeadline;

import java.time.Instant;
import java.time.ZoneOffset;

@ApplicationScoped
public class GuestToolsStateRepository implements PanacheRepositoryBase<GuestToolsStateEntity, String> {
    private static final String READ = "SELECT " + GuestToolsSnapshot.COLUMNS
            + " FROM guest_tools_state g WHERE g.vm_instance_uuid = $1";
    /** Writes the new state only if the row still holds the state it was computed from: a version check. */
    private static final String COMPARE_AND_SET = "UPDATE guest_tools_state SET qga_state = $2, zwatch_state = $3, "
            + "version = $4, platform = $5, os_type = $6, last_op_date = $7 WHERE vm_instance_uuid = $1 "
            + "AND qga_state = $8 AND zwatch_state = $9 AND version IS NOT DISTINCT FROM $10 "
            + "AND platform IS NOT DISTINCT FROM $11 AND os_type IS NOT DISTINCT FROM $12";
    private final Pool pool;
    private final DatabaseDeadline deadlines;

    GuestToolsStateRepository(Pool pool, DatabaseDeadline deadlines) {
        this.pool = pool;
        this.deadlines = deadlines;
    }

    /** The row locked until the transaction ends ({@code SELECT ... FOR UPDATE}), or SYS.1003. */
    public Uni<GuestToolsStateEntity> requireForUpdate(String vmUuid) {
        return findById(vmUuid, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound(VmInstanceRepository.RESOURCE, vmUuid));
    }

    Uni<GuestToolsSnapshot> read(String vmUuid) {
        return deadlines.statement(() -> pool.preparedQuery(READ).execute(Tuple.of(vmUuid))).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                throw ApiException.notFound(VmInstanceRepository.RESOURCE, vmUuid);
            }
            return GuestToolsSnapshot.from(it.next());
        });
    }

    /** True when {@code next} replaced {@code expected}; false when another call changed the row first. */
    Uni<Boolean> compareAndSet(GuestToolsSnapshot expected, GuestToolsSnapshot next, Instant now) {
        return deadlines.statement(() -> pool.preparedQuery(COMPARE_AND_SET)
                .execute(Tuple.from(new Object[]{expected.vmInstanceUuid(),
                        next.qgaState().name(), next.zwatchState().name(), next.version(), next.platform(),
                        next.osType(), now.atOffset(ZoneOffset.UTC), expected.qgaState().name(),
                        expected.zwatchState().name(), expected.version(), expected.platform(), expected.osType()})))
                .map(result -> result.rowCount() == 1);
    }
}
