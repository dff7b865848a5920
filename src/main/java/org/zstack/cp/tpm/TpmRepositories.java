package org.zstack.cp.tpm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.db.Statement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class TpmRepositories {
    private TpmRepositories() {
    }

    @ApplicationScoped
    static class KeyProviders implements PanacheRepositoryBase<KeyProviderEntity, String> {
        Uni<KeyProviderEntity> require(String uuid) {
            return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound("key provider", uuid));
        }
    }

    @ApplicationScoped
    static class Tpms implements PanacheRepositoryBase<TpmEntity, String> {
        /**
         * Changes the key provider in one statement, only where every rule of UpdateTpm holds: the TPM is the VM's
         * (when both are given) and the key provider changes only while the VM is Stopped, which it stays (the VM
         * row is read FOR SHARE). %s selects the TPM: by its own UUID or by its VM's.
         */
        private static final String UPDATE_KEY_PROVIDER = "WITH vm AS (SELECT v.state FROM vm_instance v "
                + "WHERE v.uuid = %s FOR SHARE), "
                + "t AS (UPDATE tpm SET key_provider_uuid = COALESCE($3, key_provider_uuid), last_op_date = $4 "
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
        /** The updated TPM, or empty when a rule does not hold (or there is no such TPM or VM). */
        Statement<TpmInventory> updateKeyProviderIfAllowed(String tpmUuid, String vmUuid, String keyProviderUuid) {
            String sql = tpmUuid != null ? BY_TPM : BY_VM;
            return client -> client.preparedQuery(sql)
                    .execute(Tuple.of(tpmUuid != null ? tpmUuid : vmUuid, tpmUuid != null ? vmUuid : null,
                            keyProviderUuid, OffsetDateTime.now(ZoneOffset.UTC)))
                    .map(rows -> {
                        TpmInventory tpm = null;
                        List<TpmInventory.HostRef> refs = new ArrayList<>();
                        for (Row r : rows) {
                            if (tpm == null) {
                                tpm = new TpmInventory(r.getString("uuid"), r.getString("name"),
                                        r.getString("vm_instance_uuid"), r.getString("key_provider_uuid"),
                                        r.getOffsetDateTime("create_date").toInstant(),
                                        r.getOffsetDateTime("last_op_date").toInstant(), refs);
                            }
                            if (r.getLong("r_id") != null) {
                                refs.add(new TpmInventory.HostRef(r.getLong("r_id"), tpm.uuid(),
                                        r.getString("r_host_uuid"), r.getString("r_path"),
                                        r.getOffsetDateTime("r_create_date").toInstant(),
                                        r.getOffsetDateTime("r_last_op_date").toInstant()));
                            }
                        }
                        return Optional.ofNullable(tpm);
                    });
        }

        Uni<TpmEntity> require(String uuid) {
            return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound("TPM", uuid));
        }

        Uni<TpmEntity> ofVm(String vmUuid) {
            return find("vmInstanceUuid", vmUuid).firstResult();
        }
    }

    @ApplicationScoped
    static class HostRefs implements PanacheRepositoryBase<TpmHostRefEntity, Long> {
        Uni<List<TpmHostRefEntity>> of(Collection<String> tpmUuids) {
            return list("tpmUuid in ?1 order by id", tpmUuids);
        }
    }
}
