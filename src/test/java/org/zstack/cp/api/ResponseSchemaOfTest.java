package org.zstack.cp.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.zstack.cp.tpm.TpmInventory;
import org.zstack.cp.vm.VmInstanceInventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ResponseSchema#of} and {@link Replies#withSchema}, as the job protocol uses them for poll answers. */
class ResponseSchemaOfTest {
    private static final String TPM = "org.zstack.header.tpm.entity.TpmInventory";
    private static final String REF = "org.zstack.header.tpm.entity.TpmHostRefInventory";
    private static final String VM = "org.zstack.header.vm.VmInstanceInventory";
    private static final ObjectMapper JSON = ZStackJson.configure(new ObjectMapper());

    private static TpmInventory tpm(int refs) {
        Instant now = Instant.now();
        List<TpmInventory.HostRef> hostRefs = java.util.stream.IntStream.range(0, refs)
                .mapToObj(i -> new TpmInventory.HostRef(i, "t", "h" + i, "/p", now, now)).toList();
        return new TpmInventory("t", "n", "vm", null, now, now, hostRefs);
    }

    private static VmInstanceInventory vm(String uuid) {
        return new VmInstanceInventory(uuid, "n", null, null, null, null, null, null, null, null);
    }

    @Test
    void listsEveryZStackObjectByItsJsonPathParentsFirst() {
        assertThat(ResponseSchema.of(Replies.inventory(tpm(2))))
                .containsExactly(Map.entry("inventory", TPM), Map.entry("inventory.hostRefs[0]", REF),
                        Map.entry("inventory.hostRefs[1]", REF));
        assertThat(ResponseSchema.of(Map.of("inventories", List.of(vm("a"), vm("b")))))
                .containsExactly(Map.entry("inventories[0]", VM), Map.entry("inventories[1]", VM));
    }

    @Test
    void isEmptyWithoutAZStackObject() {
        assertThat(ResponseSchema.of(Replies.empty())).isEmpty();
        assertThat(ResponseSchema.of(null)).isEmpty();
        assertThat(ResponseSchema.of(Map.of("valid", true))).isEmpty();
        assertThat(ResponseSchema.of(Replies.inventories(List.of(), 0L))).isEmpty();
    }

    @Test
    void withSchemaCopiesInventoryRepliesAndLeavesOtherRepliesAsTheyAre() throws Exception {
        Object reply = Replies.inventory(vm("a"));
        assertThat(JSON.writeValueAsString(reply)).doesNotContain("schema");
        assertThat(JSON.writeValueAsString(Replies.withSchema(reply)))
                .isEqualTo("{\"inventory\":{\"uuid\":\"a\",\"name\":\"n\"},\"schema\":{\"inventory\":\"" + VM + "\"}}");
        assertThat(Replies.withSchema(Replies.empty())).isSameAs(Replies.empty());
        Object answer = Map.of("location", "x");
        assertThat(Replies.withSchema(answer)).isSameAs(answer);
    }
}
