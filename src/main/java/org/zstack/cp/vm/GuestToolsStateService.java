package org.zstack.cp.vm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.zstack.cp.agent.KvmAgent;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.api.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.host.HostRepository;
import org.zstack.cp.tag.TagService;

import java.util.List;
import java.util.Optional;

/**
 * UpdateGuestToolsState: asks the agent first, outside any transaction, then applies the events to the locked
 * row in one transaction and writes only if something changed. An agent that fails changes nothing.
 */
@ApplicationScoped
public class GuestToolsStateService {
    static final QueryFields FIELDS = QueryFields.keyedBy("vmInstanceUuid")
            .text("vmInstanceUuid", "version", "platform", "osType")
            .enumeration("qgaState", QgaState.values()).enumeration("zwatchState", ZWatchState.values())
            .date("createDate", "lastOpDate");
    private static final Logger LOG = Logger.getLogger(GuestToolsStateService.class);
    private final VmInstanceRepository vms;
    private final HostRepository hosts;
    private final GuestToolsStateRepository states;
    private final KvmAgent agent;
    private final TagService tags;

    public GuestToolsStateService(VmInstanceRepository vms, HostRepository hosts, GuestToolsStateRepository states,
                                  KvmAgent agent, TagService tags) {
        this.vms = vms;
        this.hosts = hosts;
        this.states = states;
        this.agent = agent;
        this.tags = tags;
    }

    public Uni<GuestToolsStateInventory> update(ApiRequest<?> request) {
        return VmOnHost.load(vms, hosts, request.targetUuid()).flatMap(vm -> {
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            return observe(vm).flatMap(observation -> Panache.withTransaction(() ->
                    states.requireForUpdate(vm.uuid()).flatMap(row -> {
                        observation.ifPresent(o -> o.applyTo(row));
                        return tags.attach(vm.uuid(), VmInstanceService.RESOURCE_TYPE, request.tags())
                                .flatMap(v -> states.flush())
                                .map(v -> GuestToolsStateInventory.from(row));
                    })));
        });
    }

    @WithSession
    public Uni<Replies.Inventories<GuestToolsStateInventory>> query(Query query) {
        return QueryRunner.run(states, query, GuestToolsStateInventory::from);
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
