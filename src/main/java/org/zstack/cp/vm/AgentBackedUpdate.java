package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiRequest;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The shape of an update that asks a VM's agent: load the VM with its host (one statement, outside any
 * transaction), check it, call the agent with no connection held, then write. The agent's answer reaches the write
 * step only when the call succeeded or the step that asked has turned its failure into an answer, so a failed call
 * writes nothing; with {@code validationOnly} the update stops after the checks.
 */
@ApplicationScoped
public class AgentBackedUpdate {
    private final VmOnHostRepository vms;

    AgentBackedUpdate(VmOnHostRepository vms) {
        this.vms = vms;
    }

    /**
     * @param check    refuses the update by throwing its error (the VM is not Running, ...)
     * @param askAgent the agent call
     * @param write    what the answer changes; it runs in a transaction only if it opens one
     */
    <A, R> Uni<R> run(ApiRequest<?> request, Consumer<VmOnHost> check, Function<VmOnHost, Uni<A>> askAgent,
                      BiFunction<VmOnHost, A, Uni<R>> write) {
        String uuid = request.targetUuid();
        return vms.find(uuid).flatMap(vm -> {
            if (vm == null) {
                throw VmInstanceLookup.notFound(uuid);
            }
            check.accept(vm);
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            return askAgent.apply(vm).flatMap(answer -> write.apply(vm, answer));
        });
    }
}
