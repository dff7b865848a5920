package org.zstack.cp.tpm;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Fixtures;
import org.zstack.cp.support.OpenApiContract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** UpdateTpm locks the VM and the TPM it has read in its own session: Hibernate never sees a detached entity. */
@QuarkusTest
class TpmLockingTest {
    private static final String DETACHED_WARNING = "HHH90000034";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ValidatableResponse update(String body) {
        return Api.as().body(body).put("/zstack/v1/tpms").then();
    }

    /** The checked path: with tags, UpdateTpm reads, locks and re-reads in one transaction. */
    private static String updateWithTags(String vm, String tpm, String keyProvider) {
        return "{\"updateTpm\": {\"vmInstanceUuid\": \"" + vm + "\", \"tpmUuid\": \"" + tpm
                + "\", \"keyProviderUuid\": \"" + keyProvider + "\"}, \"userTags\": [\"locking\"]}";
    }

    private static long detachedWarnings() throws IOException {
        try (Stream<Path> logs = Files.list(Path.of("target"))) {
            long count = 0;
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("quarkus-test.log")).toList()) {
                count += Files.readAllLines(log).stream().filter(line -> line.contains(DETACHED_WARNING)).count();
            }
            return count;
        }
    }

    @Test
    void updateTpmLocksWithoutDetachedEntitiesAndKeepsItsRules() throws Exception {
        long before = detachedWarnings();
        String host = Fixtures.addHost();
        String vm = Fixtures.createVm(host, "CreateStopped");
        String other = Fixtures.createVm(host, "CreateStopped");
        String kp1 = Fixtures.addKeyProvider("kp-1");
        String kp2 = Fixtures.addKeyProvider("kp-2");
        String tpm = Fixtures.addTpm(vm, kp1);

        update(updateWithTags(vm, tpm, kp2)).statusCode(200).body("inventory.keyProviderUuid", equalTo(kp2));
        update(updateWithTags(other, tpm, kp1)).statusCode(503).body("error.code", equalTo("SYS.1007"));
        concurrently(vm, tpm, List.of(kp1, kp2));

        Api.as().body("{\"startVmInstance\": {}}").put("/zstack/v1/vm-instances/" + vm + "/actions")
                .then().statusCode(200);
        String current = Api.as().get("/zstack/v1/tpms/" + tpm).then().extract().path("inventories[0].keyProviderUuid");
        String changed = current.equals(kp1) ? kp2 : kp1;
        update(updateWithTags(vm, tpm, changed)).statusCode(503).body("error.code", equalTo("TPM.1703"));
        update(updateWithTags(vm, tpm, current)).statusCode(200).body("inventory.keyProviderUuid", equalTo(current));
        Api.as().get("/zstack/v1/tpms/" + tpm).then().body("inventories[0].keyProviderUuid", equalTo(current));

        assertThat(detachedWarnings()).as("HHH90000034 warnings in target/quarkus-test.log").isEqualTo(before);
    }

    /** Checked updates from many clients at once, each of which must succeed. */
    private static void concurrently(String vm, String tpm, List<String> keyProviders) throws Exception {
        String session = Api.login();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = updateWithTags(vm, tpm, keyProviders.get(i % keyProviders.size()));
                calls.add(clients.submit(() -> OpenApiContract.checked(CLIENT.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + RestAssured.port + "/zstack/v1/tpms"))
                        .header("Authorization", "OAuth " + session).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()))));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
