package org.zstack.cp.backupstorage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;
import org.zstack.cp.support.ZStackDates;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.capacity;
import static org.zstack.cp.support.AgentReplies.failure;

@QuarkusTest
class ImageStoreBackupStorageConcurrencyTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();
    private static final String RECONNECT = "{\"reconnectImageStoreBackupStorage\": {}}";

    private static String addBackupStorage() {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 500)));
        return Fixtures.addBackupStorage(AGENT);
    }

    /** One client renames 60 times while another rewrites the description 60 times, each waiting for its answers. */
    @Test
    void interleavedUpdatesOfDifferentFieldsLoseNothing() {
        String bs = addBackupStorage();
        String path = "/zstack/v1/backup-storage/image-store/" + bs + "/actions";
        Http names = new Http();
        Http descriptions = new Http();
        CompletableFuture<List<Integer>> nameClient = sequence(60, i -> names.put(path,
                "{\"updateImageStoreBackupStorage\": {\"name\": \"name-" + i + "\"}}"));
        CompletableFuture<List<Integer>> descriptionClient = sequence(60, i -> descriptions.put(path,
                "{\"updateImageStoreBackupStorage\": {\"description\": \"description-" + i + "\"}}"));

        assertThat(nameClient.join()).hasSize(60).containsOnly(200);
        assertThat(descriptionClient.join()).hasSize(60).containsOnly(200);
        Row row = Db.rows("SELECT name, description FROM backup_storage WHERE uuid = $1", bs).get(0);
        assertThat(row.getString("name")).isEqualTo("name-59");
        assertThat(row.getString("description")).isEqualTo("description-59");
    }

    /**
     * Reconnects (half of them failing) race with updates: only 200 or SYS.1006, and the capacity stored at the end
     * is what the agent reported to the successful reconnect that wrote last. Each call of the agent reports another
     * capacity, so the stored one names that reconnect; no other successful reconnect may answer a later lastOpDate
     * (set under the row lock, so in the order of the writes; compared to the second, as the wire carries it).
     */
    @Test
    void concurrentReconnectsAndUpdatesKeepTheCapacitySound() throws Exception {
        String bs = addBackupStorage();
        String path = "/zstack/v1/backup-storage/image-store/" + bs + "/actions";
        AtomicInteger calls = new AtomicInteger();
        AGENT.answer(IMAGE_STORE_CONNECT, body -> {
            int n = calls.incrementAndGet();
            return n % 2 == 0 ? Answer.ok(failure("flaky")) : Answer.ok(capacity(1000L * n, 10L * n));
        });
        Http http = new Http();
        List<CompletableFuture<HttpResponse<String>>> reconnects = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<HttpResponse<String>> reconnect = http.put(path, RECONNECT);
            reconnects.add(reconnect);
            all.add(reconnect);
            all.add(http.put(path, "{\"updateImageStoreBackupStorage\": {\"name\": \"n-" + i + "\", \"sshPort\": "
                    + (100 + i) + "}}"));
        }
        ObjectMapper json = new ObjectMapper();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() != 200) {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                assertThat(json.readTree(r.body()).at("/error/code").asText()).isEqualTo("SYS.1006");
            }
        }
        Map<List<Long>, LocalDateTime> connectedAt = new HashMap<>();
        for (CompletableFuture<HttpResponse<String>> f : reconnects) {
            if (f.get().statusCode() == 200) {
                JsonNode inventory = json.readTree(f.get().body()).at("/inventory");
                List<Long> reported = List.of(inventory.at("/totalCapacity").asLong(),
                        inventory.at("/availableCapacity").asLong());
                assertThat(reported.get(0) % 2000).as("a capacity the agent reported: %s", reported).isEqualTo(1000);
                assertThat(reported.get(1) * 100).as("a capacity the agent reported: %s", reported)
                        .isEqualTo(reported.get(0));
                connectedAt.put(reported, ZStackDates.parse(inventory.at("/lastOpDate").asText()));
            }
        }
        assertThat(connectedAt).as("successful reconnects").isNotEmpty();
        Row capacity = Db.rows("SELECT total_capacity, available_capacity FROM backup_storage_capacity "
                + "WHERE backup_storage_uuid = $1", bs).get(0);
        List<Long> stored = List.of(capacity.getLong(0), capacity.getLong(1));
        assertThat(connectedAt).as("the stored capacity %s is one a successful reconnect answered", stored)
                .containsKey(stored);
        assertThat(connectedAt.values()).as("no successful reconnect wrote after the one that answered %s", stored)
                .allSatisfy(at -> assertThat(at).isBeforeOrEqualTo(connectedAt.get(stored)));
    }

    private static CompletableFuture<List<Integer>> sequence(int count,
            java.util.function.IntFunction<CompletableFuture<HttpResponse<String>>> call) {
        CompletableFuture<List<Integer>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            int n = i;
            chain = chain.thenCompose(statuses -> call.apply(n).thenApply(r -> {
                statuses.add(r.statusCode());
                return statuses;
            }));
        }
        return chain;
    }
}
