package org.zstack.cp.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;
import org.zstack.cp.support.FakeAgent;
import org.zstack.cp.support.FakeAgent.Answer;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.Poll;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.zstack.cp.support.AgentReplies.IMAGE_STORE_CONNECT;
import static org.zstack.cp.support.AgentReplies.capacity;

/**
 * A client that hangs up while its update waits inside its transaction: the update still runs to its end (it
 * commits, its tag is stored), nothing is left half done, and the updates after it work. The test holds the row
 * lock, so that each hang-up lands while the service's transaction is open.
 */
@QuarkusTest
class ClientAbortTest {
    @RegisterExtension
    static final FakeAgent AGENT = FakeAgent.perClass();
    private static final int HANG_UPS = 4;

    @Test
    void updatesStillWorkAfterClientsHangUpMidTransaction() throws Exception {
        AGENT.answer(IMAGE_STORE_CONNECT, Answer.ok(capacity(10, 5)));
        String bs = Fixtures.addBackupStorage(AGENT);
        String path = "/zstack/v1/backup-storage/image-store/" + bs + "/actions";
        String session = Api.login();

        List<Socket> clients = new ArrayList<>();
        try (AutoCloseable lock = Db.lock("SELECT uuid FROM image_store_backup_storage WHERE uuid = $1 FOR UPDATE", bs)) {
            for (int i = 0; i < HANG_UPS; i++) {
                clients.add(send(path, session, "{\"updateImageStoreBackupStorage\": {\"sshPort\": " + (2000 + i)
                        + "}, \"userTags\": [\"hung-up::" + i + "\"]}"));
                Db.awaitLockWaiters(i + 1);
            }
            for (Socket client : clients) {
                client.close();
            }
        }

        Poll.until(Duration.ofSeconds(20), "every update whose client hung up has committed",
                () -> Db.count("SELECT count(*) FROM user_tag WHERE resource_uuid = $1", bs) >= HANG_UPS);
        assertThat(Db.count("SELECT ssh_port FROM image_store_backup_storage WHERE uuid = $1", bs))
                .isBetween(2000L, 2000L + HANG_UPS - 1);

        for (int i = 0; i < 5; i++) {
            Api.as().body("{\"updateImageStoreBackupStorage\": {\"sshPort\": " + (3000 + i) + "}}").put(path)
                    .then().statusCode(200).body("inventory.sshPort", equalTo(3000 + i));
            Api.as().body("{\"updateImageStoreBackupStorage\": {\"name\": \"n" + i + "\"}}").put(path)
                    .then().statusCode(200).body("inventory.name", equalTo("n" + i));
        }
    }

    private static Socket send(String path, String session, String body) throws Exception {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket("localhost", RestAssured.port);
        OutputStream out = socket.getOutputStream();
        out.write(("PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: OAuth " + session
                + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        return socket;
    }
}
