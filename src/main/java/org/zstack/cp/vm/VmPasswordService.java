package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.agent.KvmAgent;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.tag.TagService;

/**
 * ChangeVmPassword ({@link AgentBackedUpdate}): the guest's new password goes to the host's agent and is never
 * stored or logged; only the request's tags are written, after the agent has succeeded.
 */
@ApplicationScoped
public class VmPasswordService {
    private final AgentBackedUpdate updates;
    private final Transactions transactions;
    private final KvmAgent agent;
    private final TagService tags;

    public VmPasswordService(AgentBackedUpdate updates, Transactions transactions, KvmAgent agent, TagService tags) {
        this.updates = updates;
        this.transactions = transactions;
        this.agent = agent;
        this.tags = tags;
    }

    public Uni<Void> changePassword(ApiRequest<ChangeVmPasswordParams> request) {
        ChangeVmPasswordParams p = request.params();
        return updates.run(request, VmPasswordService::requireRunning,
                vm -> agent.changePassword(vm.agent(), vm.uuid(), p.account(), p.password()),
                (vm, changed) -> request.tags().isEmpty() ? Uni.createFrom().voidItem()
                        : transactions.concluding(() ->
                                tags.attach(vm.uuid(), VmInstanceService.RESOURCE_TYPE, request.tags())));
    }

    private static void requireRunning(VmOnHost vm) {
        if (vm.state() != VmState.Running) {
            throw new ApiException(ErrorCode.VM_INVALID_STATE, "the VM [uuid:" + vm.uuid() + "] is "
                    + vm.state() + "; its password can be changed only while it is Running");
        }
    }
}
