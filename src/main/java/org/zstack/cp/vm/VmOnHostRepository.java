package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.db.DatabaseDeadline;
import org.zstack.cp.db.PipelinedStatements;

/** Reads a {@link VmOnHost}: one statement on the pool, outside any transaction, under the database deadline. */
@ApplicationScoped
public class VmOnHostRepository {
    private static final String QUERY = "SELECT v.uuid, v.state, v.platform, v.guest_os_type, h.management_ip, "
            + "h.agent_port, " + GuestToolsStateRepository.COLUMNS + " FROM vm_instance v "
            + "JOIN host h ON h.uuid = v.host_uuid LEFT JOIN guest_tools_state g ON g.vm_instance_uuid = v.uuid "
            + "WHERE v.uuid = $1";
    private final SqlClient pool;
    private final DatabaseDeadline deadlines;

    VmOnHostRepository(PipelinedStatements statements, DatabaseDeadline deadlines) {
        this.pool = statements.client();
        this.deadlines = deadlines;
    }

    /** The VM with its host's agent and its guest-tools state; null when there is no such VM. */
    Uni<VmOnHost> find(String vmUuid) {
        return deadlines.statement(() -> pool.preparedQuery(QUERY).execute(Tuple.of(vmUuid))).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new VmOnHost(row.getString("uuid"), VmState.valueOf(row.getString("state")),
                    row.getString("platform"), row.getString("guest_os_type"),
                    new AgentEndpoint(row.getString("management_ip"), row.getInteger("agent_port")),
                    GuestToolsStateRepository.snapshot(row));
        });
    }
}
