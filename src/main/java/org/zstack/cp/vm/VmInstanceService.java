package org.zstack.cp.vm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.NoParams;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.host.HostRepository;
import org.zstack.cp.tag.TagService;

import java.util.List;
import java.util.Objects;

/** Records VM state; the real lifecycle belongs to a compute service. */
@ApplicationScoped
public class VmInstanceService {
    static final String RESOURCE_TYPE = "VmInstanceVO";
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(VmInstanceInventory.class)
            .text("uuid", "name", "description", "hostUuid", "hypervisorType", "platform", "guestOsType")
            .enumeration("state", VmState.values())
            .date("createDate", "lastOpDate");
    private final VmInstanceRepository vms;
    private final VmInstanceLookup lookup;
    private final HostRepository hosts;
    private final GuestToolsStateRepository guestTools;
    private final TagService tags;
    private final List<VmStartListener> startListeners;
    private final Transactions transactions;

    public VmInstanceService(VmInstanceRepository vms, VmInstanceLookup lookup, HostRepository hosts,
                             GuestToolsStateRepository guestTools, TagService tags,
                             Instance<VmStartListener> startListeners, Transactions transactions) {
        this.transactions = transactions;
        this.vms = vms;
        this.lookup = lookup;
        this.hosts = hosts;
        this.guestTools = guestTools;
        this.tags = tags;
        this.startListeners = startListeners.stream().toList();
    }

    public Uni<VmInstanceInventory> create(ApiRequest<CreateVmInstanceParams> request) {
        CreateVmInstanceParams p = request.params();
        return transactions.concluding(() -> hosts.findById(p.hostUuid())
                .onItem().ifNull().failWith(() -> ApiException.notFound("host", p.hostUuid()))
                .flatMap(host -> {
                    if (request.validationOnly()) {
                        return Uni.createFrom().nullItem();
                    }
                    VmInstanceEntity vm = new VmInstanceEntity();
                    vm.uuid = Uuids.random();
                    vm.name = p.name();
                    vm.description = p.description();
                    vm.hostUuid = host.uuid;
                    vm.state = p.initialState();
                    vm.hypervisorType = Objects.requireNonNullElse(p.hypervisorType(), "KVM");
                    vm.platform = p.platform();
                    vm.guestOsType = p.guestOsType();
                    return vms.persistAndFlush(vm)
                            .flatMap(saved -> guestTools.persist(GuestToolsStateEntity.initial(saved.uuid)))
                            .flatMap(state -> tags.attach(vm.uuid, RESOURCE_TYPE, request.tags()).replaceWith(vm))
                            .map(VmInstanceInventory::from);
                }));
    }

    public Uni<Replies.Inventories<VmInstanceInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.run(vms, query, VmInstanceInventory::from));
    }

    public Uni<Void> destroy(String uuid) {
        return transactions.concluding(() -> vms.deleteById(uuid).flatMap(deleted -> tags.detachAll(uuid)));
    }

    public Uni<VmInstanceInventory> start(ApiRequest<NoParams> request) {
        return changeState(request, VmState.Running);
    }

    public Uni<VmInstanceInventory> stop(ApiRequest<NoParams> request) {
        return changeState(request, VmState.Stopped);
    }

    private Uni<VmInstanceInventory> changeState(ApiRequest<?> request, VmState target) {
        return transactions.concluding(() -> lookup.requireForUpdate(request.targetUuid()).flatMap(vm -> {
            if (request.validationOnly()) {
                return Uni.createFrom().nullItem();
            }
            vm.state = target;
            Uni<Void> told = Uni.createFrom().voidItem();
            if (target == VmState.Running) {
                for (VmStartListener listener : startListeners) {
                    told = told.flatMap(v -> listener.vmStarted(vm.uuid, vm.hostUuid));
                }
            }
            return told.flatMap(v -> tags.attach(vm.uuid, RESOURCE_TYPE, request.tags()))
                    .flatMap(v -> vms.flush())
                    .map(v -> VmInstanceInventory.from(vm));
        }));
    }
}
