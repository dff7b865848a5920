package org.zstack.cp.host;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.DatabaseErrors;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.secret.SecretBox;
import org.zstack.cp.tag.TagService;

import java.util.Objects;

@ApplicationScoped
public class HostService {
    static final String RESOURCE_TYPE = "HostVO";
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(HostInventory.class)
            .text("uuid", "name", "description", "managementIp", "username")
            .integer("agentPort", "sshPort")
            .enumeration("state", HostState.values()).enumeration("status", HostStatus.values())
            .date("createDate", "lastOpDate");
    private final HostRepository hosts;
    private final SecretBox secrets;
    private final TagService tags;
    private final Transactions transactions;

    public HostService(HostRepository hosts, SecretBox secrets, TagService tags, Transactions transactions) {
        this.hosts = hosts;
        this.secrets = secrets;
        this.tags = tags;
        this.transactions = transactions;
    }

    public Uni<HostInventory> add(ApiRequest<AddKvmHostParams> request) {
        AddKvmHostParams p = request.params();
        return transactions.concluding(() -> hosts.managementIpTaken(p.managementIp()).flatMap(taken -> {
            if (taken) {
                throw duplicateIp(p.managementIp());
            }
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            HostEntity host = new HostEntity();
            host.uuid = Uuids.random();
            host.name = p.name();
            host.description = p.description();
            host.managementIp = p.managementIp();
            host.username = p.username();
            host.passwordEncrypted = secrets.encrypt(p.password().reveal());
            host.sshPort = Objects.requireNonNullElse(p.sshPort(), AddKvmHostParams.DEFAULT_SSH_PORT);
            host.agentPort = Objects.requireNonNullElse(p.agentPort(), AddKvmHostParams.DEFAULT_AGENT_PORT);
            host.state = HostState.Enabled;
            host.status = HostStatus.Connected;
            return hosts.persistAndFlush(host)
                    .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> duplicateIp(p.managementIp()))
                    .flatMap(saved -> tags.attach(saved.uuid, RESOURCE_TYPE, request.tags()).replaceWith(saved))
                    .map(HostInventory::from);
        }));
    }

    public Uni<Replies.Inventories<HostInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.run(hosts, query, HostInventory::from));
    }

    /** Refused with SYS.1006 while VM instances are on the host (the foreign key alone would end in a 500). */
    public Uni<Void> delete(String uuid) {
        return transactions.concluding(() -> hosts.vmCount(uuid)
                .flatMap(vms -> {
                    if (vms > 0) {
                        throw stillHasVms(uuid, vms);
                    }
                    return hosts.deleteById(uuid);
                })
                .flatMap(deleted -> tags.detachAll(uuid)))
                .onFailure(DatabaseErrors::isForeignKeyViolation).transform(e -> stillHasVms(uuid, 1));
    }

    private static ApiException stillHasVms(String uuid, long vms) {
        return ApiException.operationFailure("the host [uuid:" + uuid + "] still has " + vms
                + " VM instance(s); destroy them first");
    }

    private static ApiException duplicateIp(String ip) {
        return ApiException.invalidArgument("a host with the management IP [" + ip + "] already exists");
    }
}
