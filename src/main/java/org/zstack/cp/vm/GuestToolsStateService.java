package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.zstack.cp.agent.KvmAgent;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.api.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.db.DatabaseDeadline;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.tag.TagService;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * UpdateGuestToolsState: asks the agent first, outside any transaction, then applies the events to the stored state
 * and writes only if something changed. The write is a version check on the whole state, retried on a conflict;
 * with tags, or after {@link #CAS_ATTEMPTS} conflicts, it locks the row instead. An agent that fails changes nothing.
 */
@ApplicationScoped
public class GuestToolsStateService {
    static final QueryFields FIELDS = QueryFields.keyedBy("vmInstanceUuid").inventory(GuestToolsStateInventory.class)
            .text("vmInstanceUuid", "version", "platform", "osType")
            .enumeration("qgaState", QgaState.values()).enumeration("zwatchState", ZWatchState.values())
            .date("createDate", "lastOpDate");
    static final int CAS_ATTEMPTS = 8;
    private static final Logger LOG = Logger.getLogger(GuestToolsStateService.class);
    private final Pool pool;
    private final DatabaseDeadline deadlines;
    private final Transactions transactions;
    private final GuestToolsStateRepository states;
    private final KvmAgent agent;
    private final TagService tags;

    public GuestToolsStateService(Pool pool, DatabaseDeadline deadlines, Transactions transactions, GuestToolsStateRepository states,
                                  KvmAgent agent, TagService tags) {
        this.pool = pool;
        this.deadlines = deadlines;
        this.transactions = transactions;
        this.states = states;
        this.agent = agent;
        this.tags = tags;
    }

    public Uni<GuestToolsStateInventory> update(ApiRequest<?> request) {
        return deadlines.statement(() -> VmOnHost.load(pool, request.targetUuid())).flatMap(vm -> {
            if (vm.guestTools() == null) {
                throw ApiException.notFound("guest-tools state of VM", vm.uuid());
            }
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            return observe(vm).flatMap(observation -> {
                if (observation.isEmpty()) {
                    return Uni.createFrom().item(vm.guestTools().inventory());
                }
                return request.tags().isEmpty()
                        ? compareAndSet(vm.guestTools(), observation.get(), CAS_ATTEMPTS)
                        : underLock(vm.uuid(), observation.get(), request);
            });
        });
    }

    private Uni<GuestToolsStateInventory> compareAndSet(GuestToolsSnapshot read, GuestToolsObservation observation,
                                                        int attemptsLeft) {
        GuestToolsSnapshot next = observation.applyTo(read);
        if (next.sameStateAs(read)) {
            return Uni.createFrom().item(read.inventory());
        }
        if (attemptsLeft == 0) {
            return underLock(read.vmInstanceUuid(), observation, null);
        }
        Instant now = Instant.now();
        return states.compareAndSet(read, next, now).flatMap(written -> written
                ? Uni.createFrom().item(next.withLastOpDate(now).inventory())
                : states.read(read.vmInstanceUuid()).flatMap(fresh -> compareAndSet(fresh, observation,
                        attemptsLeft - 1)));
    }

    private Uni<GuestToolsStateInventory> underLock(String vmUuid, GuestToolsObservation observation,
                                                    ApiRequest<?> request) {
        return transactions.withTransaction(() -> states.requireForUpdate(vmUuid).flatMap(row -> {
            observation.applyTo(GuestToolsSnapshot.of(row)).copyTo(row);
            Uni<Void> tagged = request == null ? Uni.createFrom().voidItem()
                    : tags.attach(vmUuid, VmInstanceService.RESOURCE_TYPE, request.tags());
            return tagged.flatMap(v -> states.flush()).map(v -> GuestToolsStateInventory.from(row));
        }));
    }

    public Uni<Replies.Inventories<GuestToolsStateInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.run(states, query, GuestToolsStateInventory::from));
    }

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
