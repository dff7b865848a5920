package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.agent.KvmAgent;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.db.DatabaseDeadline;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.tag.TagService;

/** ChangeVmPassword: the guest's new password goes to the host's agent and is never stored or logged. */
@ApplicationScoped
public class VmPasswordService {
    private final Pool pool;
    private final DatabaseDeadline deadlines;
    private final Transactions transactions;
    private final KvmAgent agent;
    private final TagService tags;

    public VmPasswordService(Pool pool, DatabaseDeadline deadlines, Transactions transactions, KvmAgent agent, TagService tags) {
        this.pool = pool;
        this.deadlines = deadlines;
        this.transactions = transactions;
        this.agent = agent;
        this.tags = tags;
    }

    public Uni<Void> changePassword(ApiRequest<ChangeVmPasswordParams> request) {
        ChangeVmPasswordParams p = request.params();
        return deadlines.statement(() -> VmOnHost.load(pool, request.targetUuid())).flatMap(vm -> {
            if (vm.state() != VmState.Running) {
                throw new ApiException(ErrorCode.VM_INVALID_STATE, "the VM [uuid:" + vm.uuid() + "] is "
                        + vm.state() + "; its password can be changed only while it is Running");
            }
            if (request.validationOnly()) {
                return Uni.createFrom().voidItem();
            }
            return agent.changePassword(vm.agent(), vm.uuid(), p.account(), p.password())
                    .flatMap(v -> request.tags().isEmpty() ? Uni.createFrom().voidItem()
                            : transactions.concluding(() ->
                                    tags.attach(vm.uuid(), VmInstanceService.RESOURCE_TYPE, request.tags())));
        });
    }
}
