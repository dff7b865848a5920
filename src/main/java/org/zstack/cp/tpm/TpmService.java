package org.zstack.cp.tpm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ApiRequest;
import org.zstack.cp.api.DatabaseErrors;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.api.Query;
import org.zstack.cp.api.QueryFields;
import org.zstack.cp.db.QueryRunner;
import org.zstack.cp.api.Replies;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Statement;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.tag.TagService;
import org.zstack.cp.vm.VmInstanceEntity;
import org.zstack.cp.vm.VmInstanceLookup;
import org.zstack.cp.vm.VmState;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * TPMs, one per VM. Writers lock the VM ({@code FOR SHARE}, so it cannot start meanwhile) before the TPM, the same
 * order as a VM start, which locks the VM and then records the TPM's host.
 */
@ApplicationScoped
public class TpmService {
    static final String RESOURCE_TYPE = "TpmVO";
    static final QueryFields FIELDS = QueryFields.keyedBy("uuid").inventory(TpmInventory.class)
            .text("uuid", "name", "vmInstanceUuid", "keyProviderUuid").date("createDate", "lastOpDate");
    private static final Map<String, Object> NEEDS_STOPPED = Map.of("support.vm.state", List.of("Stopped"));
    private final TpmRepository tpms;
    private final KeyProviderRepository keyProviders;
    private final TpmHostRefRepository hostRefs;
    private final VmInstanceLookup vms;
    private final TagService tags;
    private final Transactions transactions;

    TpmService(TpmRepository tpms, KeyProviderRepository keyProviders, TpmHostRefRepository hostRefs,
               VmInstanceLookup vms, TagService tags, Transactions transactions) {
        this.tpms = tpms;
        this.keyProviders = keyProviders;
        this.hostRefs = hostRefs;
        this.vms = vms;
        this.tags = tags;
        this.transactions = transactions;
    }

    public Uni<TpmInventory> add(ApiRequest<AddTpmParams> request) {
        AddTpmParams p = request.params();
        return transactions.concluding(() -> vms.requireForShare(p.vmInstanceUuid())
                .flatMap(vm -> requireKeyProvider(p.keyProviderUuid()).replaceWith(vm))
                .flatMap(vm -> {
                    requireStopped(vm, "add a TPM to");
                    return tpms.ofVm(vm.uuid);
                })
                .flatMap(existing -> {
                    if (existing != null) {
                        throw alreadyHasTpm(p.vmInstanceUuid());
                    }
                    if (request.validationOnly()) {
                        return Uni.createFrom().<TpmInventory>nullItem();
                    }
                    TpmEntity tpm = new TpmEntity();
                    tpm.uuid = Uuids.random();
                    tpm.name = "TPM-for-VM-" + p.vmInstanceUuid();
                    tpm.vmInstanceUuid = p.vmInstanceUuid();
                    tpm.keyProviderUuid = p.keyProviderUuid();
                    return tpms.persistAndFlush(tpm)
                            .flatMap(saved -> tags.attach(tpm.uuid, RESOURCE_TYPE, request.tags()))
                            .map(v -> TpmInventory.of(tpm, List.of()));
                }))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> alreadyHasTpm(p.vmInstanceUuid()));
    }

    /**
     * The statement of {@link TpmRepository#updateKeyProvider} is the only writer and the only place the rules
     * hold; when it matches nothing, {@link #explainUpdate} finds the rule that failed. The request's tags are
     * attached in the statement's transaction.
     */
    public Uni<TpmInventory> update(ApiRequest<UpdateTpmParams> request) {
        UpdateTpmParams p = request.params();
        Statement<TpmRepository.Updated> write = p.keyProviderUuid() != null && !Uuids.isValid(p.keyProviderUuid())
                ? Statement.<TpmRepository.Updated>none() // no key provider has it: the explanation says why
                : tpms.updateKeyProvider(p.tpmUuid(), p.vmInstanceUuid(), p.keyProviderUuid());
        if (!request.tags().isEmpty()) {
            write = write.then((sql, updated) -> tags.attach(sql, updated.tpm().uuid, RESOURCE_TYPE, request.tags()));
        }
        return transactions.writeOrExplain(write.map(updated -> TpmInventory.of(updated.tpm(), updated.hostRefs())),
                request.validationOnly(), () -> explainUpdate(p));
    }

    /** The first rule of UpdateTpm that fails, in the documented order, as a failure; reads only. */
    private Uni<Void> explainUpdate(UpdateTpmParams p) {
        Uni<TpmEntity> byTpm = p.tpmUuid() == null ? Uni.createFrom().nullItem() : tpms.findById(p.tpmUuid())
                .onItem().ifNull().failWith(() -> ApiException.notFound("TPM", p.tpmUuid()));
        return byTpm
                .flatMap(tpm -> (p.vmInstanceUuid() == null ? Uni.createFrom().<VmInstanceEntity>nullItem()
                        : vms.require(p.vmInstanceUuid())).map(vm -> new Target(tpm, vm)))
                .flatMap(target -> {
                    if (target.tpm() != null) {
                        if (target.vm() != null && !target.tpm().vmInstanceUuid.equals(target.vm().uuid)) {
                            throw ApiException.invalidArgument("the TPM [uuid:" + target.tpm().uuid
                                    + "] does not belong to the VM [uuid:" + target.vm().uuid + "]");
                        }
                        return Uni.createFrom().item(target.tpm());
                    }
                    return tpms.ofVm(target.vm().uuid).onItem().ifNull().failWith(() -> new ApiException(
                            ErrorCode.TPM_NOT_FOUND, "the VM [uuid:" + target.vm().uuid + "] has no TPM"));
                })
                .flatMap(tpm -> {
                    if (p.keyProviderUuid() != null && !Uuids.isValid(p.keyProviderUuid())) {
                        throw ApiException.invalidArgument(
                                "field [keyProviderUuid] is not a UUID of 32 lowercase hex characters");
                    }
                    return requireKeyProvider(p.keyProviderUuid()).replaceWith(tpm);
                })
                .flatMap(tpm -> vms.require(tpm.vmInstanceUuid).invoke(vm -> {
                    if (p.keyProviderUuid() != null && !p.keyProviderUuid().equals(tpm.keyProviderUuid)) {
                        requireStopped(vm, "change the key provider of the TPM of");
                    }
                }))
                .replaceWithVoid();
    }

    private record Target(TpmEntity tpm, VmInstanceEntity vm) {
    }

    /** RemoveTpm: only while the VM is Stopped; a TPM that does not exist is already removed. */
    public Uni<Void> remove(String uuid) {
        return transactions.concluding(() -> tpms.findById(uuid).flatMap(tpm -> {
            if (tpm == null) {
                return Uni.createFrom().voidItem();
            }
            return vms.requireForShare(tpm.vmInstanceUuid).flatMap(vm -> {
                requireStopped(vm, "remove the TPM of");
                return tpms.delete(tpm).flatMap(v -> tags.detachAll(uuid));
            });
        }));
    }

    public Uni<Replies.Inventories<TpmInventory>> query(Query query) {
        return transactions.withSession(() -> QueryRunner.page(tpms, query).flatMap(page -> {
            if (page.rows().isEmpty()) {
                return Uni.createFrom().item(Replies.inventories(List.<TpmInventory>of(), page.total()));
            }
            return hostRefs.of(page.rows().stream().map(t -> t.uuid).toList()).map(refs -> {
                Map<String, List<TpmHostRefEntity>> byTpm = refs.stream()
                        .collect(Collectors.groupingBy(r -> r.tpmUuid));
                return Replies.inventories(page.rows().stream()
                        .map(t -> TpmInventory.of(t, byTpm.getOrDefault(t.uuid, List.of()))).toList(), page.total());
            });
        }));
    }

    private Uni<Void> requireKeyProvider(String uuid) {
        return uuid == null ? Uni.createFrom().voidItem() : keyProviders.findById(uuid)
                .onItem().ifNull().failWith(() -> ApiException.notFound("key provider", uuid)).replaceWithVoid();
    }

    private static void requireStopped(VmInstanceEntity vm, String what) {
        if (vm.state != VmState.Stopped) {
            throw new ApiException(ErrorCode.TPM_INVALID_VM_STATE, 503, "unable to " + what + " the VM [uuid:"
                    + vm.uuid + "] while it is " + vm.state + "; it must be Stopped", NEEDS_STOPPED);
        }
    }

    private static ApiException alreadyHasTpm(String vmUuid) {
        return new ApiException(ErrorCode.TPM_ALREADY_EXISTS, "the VM [uuid:" + vmUuid + "] already has a TPM");
    }
}
