package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.zstack.cp.agent.KvmAgent;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Tags;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.tag.TagService;

import java.util.List;
import java.util.Optional;

/**
 * UpdateGuestToolsState ({@link AgentBackedUpdate}): asks the agent first, then applies the events to the stored
 * state and writes only if something changed. Without tags the write is one statement, a version check on the
 * whole state; when another call changed the row first, or with tags, the row is locked and the events applied to
 * it again. An agent that fails changes nothing.
 */
@ApplicationScoped
public class GuestToolsStateService {
    static final QueryFields FIELDS = QueryFields.keyedBy("vmInstanceUuid").inventory(GuestToolsStateInventory.class)
            .text("vmInstanceUuid", "version", "platform", "osType")
            .enumeration("qgaState", QgaState.values()).enumeration("zwatchState", ZWatchState.values())
            .date("createDate", "lastOpDate");
    private static final Logger LOG = Logger.getLogger(GuestToolsStateService.class);
    private final AgentBackedUpdate updates;
    private final Transactions transactions;
    private final GuestToolsStateRepository states;
    private final KvmAgent agent;
    private final TagService tags;

    public GuestToolsStateService(AgentBackedUpdate updates, Transactions transactions,
                                  GuestToolsStateRepository states, KvmAgent agent, TagService tags) {
        this.updates = updates;
        this.transactions = transactions;
        this.states = states;
        this.agent = agent;
        this.tags = tags;
    }

    public Uni<GuestToolsStateInventory> update(ApiRequest<?> request) {
        return updates.run(request, GuestToolsStateService::requireState, this::observe,
                (vm, observation) -> observation.isEmpty() ? Uni.createFrom().item(vm.guestTools().inventory())
                        : write(vm.guestTools(), observation.get(), request.tags())
                                .map(GuestToolsSnapshot::inventory));
    }

    public Uni<Replies.Inventories<GuestToolsStateInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.run(states, query,
                row -> GuestToolsSnapshot.of(row).inventory()));
    }

    private static void requireState(VmOnHost vm) {
        if (vm.guestTools() == null) {
            throw ApiException.notFound("guest-tools state of VM", vm.uuid());
        }
    }

    private Uni<GuestToolsSnapshot> write(GuestToolsSnapshot read, GuestToolsObservation observation,
                                          Tags requestTags) {
        if (!requestTags.isEmpty()) {
            return transactions.concluding(() -> underLock(read.vmInstanceUuid(), observation, requestTags));
        }
        GuestToolsSnapshot next = observation.applyTo(read);
        if (next.sameStateAs(read)) {
            return Uni.createFrom().item(read);
        }
        return states.compareAndSet(read, next).flatMap(written -> written.isPresent()
                ? Uni.createFrom().item(written.get())
                : transactions.concluding(() -> underLock(read.vmInstanceUuid(), observation, requestTags)));
    }

    /** In a transaction: the events applied to the row as it is now, under its lock. */
    private Uni<GuestToolsSnapshot> underLock(String vmUuid, GuestToolsObservation observation, Tags requestTags) {
        return states.findForUpdate(vmUuid).flatMap(locked -> {
            if (locked == null) {
                throw VmInstanceLookup.notFound(vmUuid);
            }
            GuestToolsSnapshot next = observation.applyTo(locked);
            return (next.sameStateAs(locked) ? Uni.createFrom().item(locked) : states.update(locked, next))
                    .call(() -> tags.attach(vmUuid, VmInstanceService.RESOURCE_TYPE, requestTags));
        });
    }

    /** The agent's look at the VM; empty when the agent failed, which leaves the state as it is. */
    private Uni<Optional<GuestToolsObservation>> observe(VmOnHost vm) {
        if (vm.state() != VmState.Running) {
            return Uni.createFrom().item(Optional.of(GuestToolsObservation.VM_NOT_RUNNING));
        }
        return agent.guestToolsState(vm.agent(), List.of(vm.ref()))
                .map(answer -> Optional.ofNullable(answer.get(vm.uuid())).map(GuestToolsObservation::of))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("guest tools of VM %s left as they are: %s", vm.uuid(), e.getMessage());
                    return Optional.empty();
                });
    }
}
