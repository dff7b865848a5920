package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import org.zstack.cp.agent.AgentEndpoint;
import org.zstack.cp.agent.KvmAgent;
import org.zstack.cp.api.ApiException;

/**
 * A VM with the agent of the host it runs on, and its guest-tools state as last stored: what every agent call about
 * a VM starts from. One query, outside any transaction, so that no connection is held across the agent call.
 */
record VmOnHost(String uuid, VmState state, String platform, String guestOsType, AgentEndpoint agent,
                GuestToolsSnapshot guestTools) {

    private static final String QUERY = "SELECT v.uuid, v.state, v.platform, v.guest_os_type, h.management_ip, "
            + "h.agent_port, " + GuestToolsSnapshot.COLUMNS + " FROM vm_instance v JOIN host h ON h.uuid = v.host_uuid "
            + "LEFT JOIN guest_tools_state g ON g.vm_instance_uuid = v.uuid WHERE v.uuid = $1";

    static Uni<VmOnHost> load(Pool pool, String vmUuid) {
        return pool.preparedQuery(QUERY).execute(Tuple.of(vmUuid)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                throw ApiException.notFound(VmInstanceRepository.RESOURCE, vmUuid);
            }
            Row row = it.next();
            return new VmOnHost(row.getString("uuid"), VmState.valueOf(row.getString("state")),
                    row.getString("platform"), row.getString("guest_os_type"),
                    new AgentEndpoint(row.getString("management_ip"), row.getInteger("agent_port")),
                    GuestToolsSnapshot.from(row));
        });
    }

    KvmAgent.VmRef ref() {
        return new KvmAgent.VmRef(uuid, platform, guestOsType);
    }
}
