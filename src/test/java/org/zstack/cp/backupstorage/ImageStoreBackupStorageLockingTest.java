package org.zstack.cp.backupstorage;

import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.OpenApiContract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.capacity;

/**
 * Many concurrent locked updates of one backup storage (the SSH settings, the hostname, tags, reconnects): every
 * one is answered 200, none sees another request's persistence state, and none of them breaks a later request.
 */
@QuarkusTest
class ImageStoreBackupStorageLockingTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();
    private static final int REQUESTS = 2000;
    private static final int CLIENTS = 48;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static String addBackupStorage(String hostname) {
        return Fixtures.uuid(new Fixtures.BackupStorage(hostname, AGENT.port()).add());
    }

    /** One request of each kind that takes the row lock, for request number {@code i}. */
    private static String lockedUpdate(int kind, int i, List<String> hostnames) {
        return switch (kind) {
            case 0 -> "{\"updateImageStoreBackupStorage\": {\"name\": \"n-" + i + "\", \"sshPort\": " + (1000 + i % 5000)
                    + "}}";
            case 1 -> "{\"updateImageStoreBackupStorage\": {\"hostname\": \"" + hostnames.get(i % hostnames.size())
                    + "\"}}";
            case 2 -> "{\"updateImageStoreBackupStorage\": {\"description\": \"d-" + i + "\"}, \"userTags\": [\"u-"
                    + i % 40 + "\"], \"systemTags\": [\"locking::" + i % 30 + "\"]}";
            case 3 -> "{\"updateImageStoreBackupStorage\": {\"username\": \"user-" + i % 7 + "\", \"password\": \"pw-"
                    + i + "\"}}";
            default -> "{\"reconnectImageStoreBackupStorage\": {}}";
        };
    }

    private static final int KINDS = 5;

    private static HttpResponse<String> put(String session, String bs, String body) throws Exception {
        return OpenApiContract.checked(CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                + RestAssured.port + "/zstack/v1/backup-storage/image-store/" + bs + "/actions"))
                        .timeout(Duration.ofMinutes(2))
                        .header("Authorization", "OAuth " + session)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void concurrentLockedUpdatesAllSucceedAndLeaveNothingBroken() throws Exception {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 500)));
        List<String> hostnames = List.of(Fixtures.loopbackIp(), Fixtures.loopbackIp(), Fixtures.loopbackIp());
        String bs = addBackupStorage(hostnames.get(0));
        String session = Api.login();
        Random random = new Random(13);
        List<Integer> kinds = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            kinds.add(random.nextInt(KINDS));
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        HttpResponse<String> r = put(session, bs, lockedUpdate(kinds.get(i), i, hostnames));
                        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() != 200 && failures.size() < 20) {
                            failures.add("kind " + kinds.get(i) + ": " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(failures).as("statuses %s", statuses).isEmpty();
        assertThat(statuses.get(200)).hasValue(REQUESTS);
        everyKindStillSucceeds(session, bs, hostnames);
        String fresh = Fixtures.loopbackIp();
        everyKindStillSucceeds(session, addBackupStorage(fresh), List.of(fresh, Fixtures.loopbackIp()));
    }

    /**
     * The deadline of the agent call passes on a timer thread, outside any Vert.x context: recording the
     * disconnection must still run in a session of its own, and answer the timeout, not a 500.
     */
    @Test
    void aReconnectWhoseAgentTimesOutAnswersTheTimeoutAndBreaksNothing() throws Exception {
        String hostname = Fixtures.loopbackIp();
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 500)));
        String bs = addBackupStorage(hostname);
        String session = Api.login();
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 500)).delayedBy(5000));
        List<Future<HttpResponse<String>>> reconnects = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                reconnects.add(clients.submit(() -> put(session, bs, lockedUpdate(4, 0, List.of(hostname)))));
            }
            for (Future<HttpResponse<String>> f : reconnects) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                assertThat(r.body()).contains("SYS.1001");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(Db.rows("SELECT status FROM backup_storage WHERE uuid = $1", bs).get(0).getString(0))
                .isEqualTo("Disconnected");
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(1000, 500)));
        everyKindStillSucceeds(session, bs, List.of(hostname, Fixtures.loopbackIp()));
    }

    private static void everyKindStillSucceeds(String session, String bs, List<String> hostnames) throws Exception {
        for (int kind = 0; kind < KINDS; kind++) {
            HttpResponse<String> r = put(session, bs, lockedUpdate(kind, kind + 1, hostnames));
            assertThat(r.statusCode()).as("kind %d: %s", kind, r.body()).isEqualTo(200);
        }
        assertThat(Db.rows("SELECT ssh_port FROM image_store_backup_storage WHERE uuid = $1", bs).get(0).getInteger(0))
                .isEqualTo(1001);
    }
}
