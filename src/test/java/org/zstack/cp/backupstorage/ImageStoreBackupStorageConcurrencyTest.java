package org.zstack.cp.backupstorage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Http;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.capacity;

@QuarkusTest
class ImageStoreBackupStorageConcurrencyTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();

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

    /** Reconnects (half of them failing) race with updates: only 200 or SYS.1006, and the capacity stays sound. */
    @Test
    void concurrentReconnectsAndUpdatesKeepTheCapacitySound() throws Exception {
        String bs = addBackupStorage();
        String path = "/zstack/v1/backup-storage/image-store/" + bs + "/actions";
        AtomicInteger calls = new AtomicInteger();
        AGENT.answer(IMAGE_STORE_CONNECT, body -> {
            int n = calls.incrementAndGet();
            return n % 2 == 0 ? Answer.ok("{\"success\": false, \"error\": \"flaky\"}")
                    : Answer.ok(capacity(1000L * n, 10L * n));
        });
        Http http = new Http();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(http.put(path, "{\"reconnectImageStoreBackupStorage\": {}}"));
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
        Row capacity = Db.rows("SELECT total_capacity, available_capacity FROM backup_storage_capacity "
                + "WHERE backup_storage_uuid = $1", bs).get(0);
        long total = capacity.getLong(0);
        long available = capacity.getLong(1);
        assertThat(available).isBetween(0L, total);
        assertThat(total == 1000 || total % 1000 == 0 && available * 100 == total).isTrue();
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
