package org.zstack.cp.tpm;

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
public class TpmRepository implements PanacheRepositoryBase<TpmEntity, String> {
    /**
     * UpdateTpm's rules, the only place they hold: the TPM is the VM's (when both are given), and the key
     * provider changes only while the VM is Stopped, which it stays: the VM row is read FOR SHARE before the TPM
     * row is updated (the lock order of every TPM writer). An unknown key provider breaks the foreign key.
     * {@code last_op_date} is the statement's. %s selects the TPM: by its own UUID or by its VM's.
     */
    private static final String UPDATE_KEY_PROVIDER = "WITH vm AS (SELECT v.state FROM vm_instance v "
            + "WHERE v.uuid = %s FOR SHARE), "
            + "t AS (UPDATE tpm SET key_provider_uuid = COALESCE($3, key_provider_uuid), last_op_date = now() "
            + "WHERE %s AND ($2::varchar IS NULL OR vm_instance_uuid = $2) "
            + "AND ($3::varchar IS NULL OR key_provider_uuid IS NOT DISTINCT FROM $3 "
            + "OR (SELECT state FROM vm) = 'Stopped') RETURNING *) "
            + "SELECT t.uuid, t.name, t.vm_instance_uuid, t.key_provider_uuid, t.create_date, t.last_op_date, "
            + "r.id AS r_id, r.host_uuid AS r_host_uuid, r.path AS r_path, r.create_date AS r_create_date, "
            + "r.last_op_date AS r_last_op_date FROM t LEFT JOIN tpm_host_ref r ON r.tpm_uuid = t.uuid "
            + "ORDER BY r.id";
    private static final String BY_TPM = String.format(UPDATE_KEY_PROVIDER,
            "(SELECT vm_instance_uuid FROM tpm WHERE uuid = $1)", "uuid = $1");
    private static final String BY_VM = String.format(UPDATE_KEY_PROVIDER, "$1", "vm_instance_uuid = $1");

    /** A TPM row and its host refs, as the statement read them back. */
    record Updated(TpmEntity tpm, List<TpmHostRefEntity> hostRefs) {
    }

    /** The updated TPM, or empty when a rule does not hold (or there is no such TPM or VM). */
    Statement<Updated> updateKeyProvider(String tpmUuid, String vmUuid, String keyProviderUuid) {
        String sql = tpmUuid != null ? BY_TPM : BY_VM;
        return client -> client.preparedQuery(sql)
                .execute(Tuple.of(tpmUuid != null ? tpmUuid : vmUuid, tpmUuid != null ? vmUuid : null,
                        keyProviderUuid))
                .map(rows -> {
                    Updated updated = null;
                    for (Row r : rows) {
                        if (updated == null) {
                            updated = new Updated(tpm(r), new ArrayList<>());
                        }
                        if (r.getLong("r_id") != null) {
                            updated.hostRefs().add(hostRef(r, updated.tpm().uuid));
                        }
                    }
                    return Optional.ofNullable(updated);
                });
    }

    /** How many TPMs use the key provider. */
    Uni<Long> countUsing(String keyProviderUuid) {
        return count("keyProviderUuid", keyProviderUuid);
    }

    Uni<TpmEntity> ofVm(String vmUuid) {
        return find("vmInstanceUuid", vmUuid).firstResult();
    }

    private static TpmEntity tpm(Row r) {
        TpmEntity t = new TpmEntity();
        t.uuid = r.getString("uuid");
        t.name = r.getString("name");
        t.vmInstanceUuid = r.getString("vm_instance_uuid");
        t.keyProviderUuid = r.getString("key_provider_uuid");
        t.createDate = r.getOffsetDateTime("create_date").toInstant();
        t.lastOpDate = r.getOffsetDateTime("last_op_date").toInstant();
        return t;
    }

    private static TpmHostRefEntity hostRef(Row r, String tpmUuid) {
        TpmHostRefEntity ref = new TpmHostRefEntity();
        ref.id = r.getLong("r_id");
        ref.tpmUuid = tpmUuid;
        ref.hostUuid = r.getString("r_host_uuid");
        ref.path = r.getString("r_path");
        ref.createDate = r.getOffsetDateTime("r_create_date").toInstant();
        ref.lastOpDate = r.getOffsetDateTime("r_last_op_date").toInstant();
        return ref;
    }
}
