package org.zstack.cp.session;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.Api;
import org.zstack.cp.support.Db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Failed-login limits and the bound on password hashing, as a client sees them. The client's address comes from
 * {@code X-Forwarded-For} (the profile trusts it, as a deployment behind a proxy does), so each test plays
 * attackers and users from addresses of its own.
 */
@QuarkusTest
@TestProfile(LoginLimitsTest.TightLimits.class)
class LoginLimitsTest {
    static final int PER_PAIR = 3;
    static final int PER_ADDRESS = 5;
    static final int PER_ACCOUNT = 6;
    private static final AtomicInteger NEXT = new AtomicInteger(new Random().nextInt(200) * 250);
    private static final Pattern HASHES = Pattern.compile("(?m)^zstack_password_hashes_total(\\{[^}]*})? ([0-9.E]+)$");

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "zstack.login.max-failures", String.valueOf(PER_PAIR),
                    "zstack.login.max-failures-per-address", String.valueOf(PER_ADDRESS),
                    "zstack.login.max-failures-per-account", String.valueOf(PER_ACCOUNT),
                    "zstack.login.failure-window", "5m",
                    "zstack.login.lockout", "5m",
                    "zstack.login.hash-concurrency", "1",
                    "zstack.login.hash-queue", "0",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @AfterEach
    void forgetFailures() {
        Db.update("DELETE FROM login_failure");
    }

    @Test
    void afterTooManyFailuresFromOneAddressItGets429WithRetryAfterButTheRightUserLogsInFromElsewhere() {
        String attacker = nextAddress();
        for (int i = 0; i < PER_PAIR; i++) {
            login(attacker, "admin", Api.sha512("guess-" + i)).then().statusCode(503)
                    .body("error.code", equalTo("ID.1000"));
        }
        for (int i = 0; i < 5; i++) {
            assertLimited(login(attacker, "admin", Api.sha512("guess-more-" + i)));
        }
        assertLimited(login(attacker, "admin", Api.sha512(Api.adminPassword())));

        login(nextAddress(), "admin", Api.sha512(Api.adminPassword())).then().statusCode(200)
                .body("inventory.userType", equalTo("AccountVO"));
    }

    @Test
    void oneAddressTryingManyAccountsIsLimitedOnItsOwn() {
        String scanner = nextAddress();
        for (int i = 0; i < PER_ADDRESS; i++) {
            login(scanner, "nobody-" + i, Api.sha512("x")).then().statusCode(503)
                    .body("error.code", equalTo("ID.1000"));
        }
        assertLimited(login(scanner, "yet-another-name", Api.sha512("x")));
        assertLimited(login(scanner, "admin", Api.sha512(Api.adminPassword())));
        login(nextAddress(), "admin", Api.sha512(Api.adminPassword())).then().statusCode(200);
    }

    @Test
    void manyAddressesFailingOnOneAccountLockThatAccount() {
        String victim = "victim-" + NEXT.incrementAndGet();
        for (int a = 0; a < PER_ACCOUNT / PER_PAIR; a++) {
            String address = nextAddress();
            for (int i = 0; i < PER_PAIR; i++) {
                login(address, victim, Api.sha512("x")).then().statusCode(503).body("error.code", equalTo("ID.1000"));
            }
        }
        assertLimited(login(nextAddress(), victim, Api.sha512("x")));
    }

    @Test
    void aSuccessfulLoginForgetsTheFailuresOfItsAddress() {
        String user = nextAddress();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < PER_PAIR - 1; i++) {
                login(user, "admin", Api.sha512("typo-" + i)).then().statusCode(503);
            }
            login(user, "admin", Api.sha512(Api.adminPassword())).then().statusCode(200);
        }
    }

    @Test
    void aPasswordOver4096CharactersGetsSys1007WithoutBeingHashed() {
        double before = hashesSoFar();
        login(nextAddress(), "admin", "a".repeat(4097)).then().statusCode(503)
                .body("error.code", equalTo("SYS.1007"))
                .body("error.details", containsString("4096"));
        login(nextAddress(), "admin", "a".repeat(65536)).then().statusCode(503)
                .body("error.code", equalTo("SYS.1007"));
        assertThat(hashesSoFar()).isEqualTo(before);

        login(nextAddress(), "admin", "a".repeat(4096)).then().statusCode(503)
                .body("error.code", equalTo("ID.1000"));
        assertThat(hashesSoFar()).isEqualTo(before + 1);
    }

    /**
     * With one hashing slot and no queue, a burst of wrong logins (each from its own address, for an account of
     * its own, so that no failure limit applies) must see some answered 429 at once. Meanwhile no connection of
     * the service may sit in a transaction: the old login held one open while it hashed.
     */
    @Test
    void whenEveryHashingSlotIsBusyALoginGets429AndNoTransactionWaitsOnTheHash() throws Exception {
        int burst = 24;
        List<Response> answers = new ArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger idleInTransaction = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(burst + 1);
        try {
            Future<?> sampler = clients.submit(() -> {
                while (sampling.get()) {
                    idleInTransaction.addAndGet((int) Db.count("SELECT count(*) FROM pg_stat_activity "
                            + "WHERE pid <> pg_backend_pid() AND state LIKE 'idle in transaction%' "
                            + "AND query ILIKE '%account%'"));
                }
            });
            for (int attempt = 0; attempt < 5 && answers.stream().noneMatch(r -> r.statusCode() == 429); attempt++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> calls = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    String address = nextAddress();
                    String name = "burst-" + NEXT.incrementAndGet();
                    calls.add(clients.submit(() -> {
                        start.await();
                        return login(address, name, Api.sha512("wrong"));
                    }));
                }
                start.countDown();
                for (Future<Response> call : calls) {
                    answers.add(call.get(120, TimeUnit.SECONDS));
                }
            }
            sampling.set(false);
            sampler.get(30, TimeUnit.SECONDS);
        } finally {
            sampling.set(false);
            clients.shutdownNow();
        }

        assertThat(answers).anySatisfy(r -> assertThat(r.statusCode()).isEqualTo(429));
        for (Response r : answers) {
            if (r.statusCode() == 429) {
                assertLimited(r);
            } else {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.<String>path("error.code")).isEqualTo("ID.1000");
            }
        }
        assertThat(idleInTransaction.get()).as("samples of a login transaction left open during the hash").isZero();
    }

    private static void assertLimited(Response r) {
        r.then().statusCode(429)
                .body("error.code", equalTo("ID.1000"))
                .body("error.details", containsString("retry after"));
        String retryAfter = r.header("Retry-After");
        assertThat(retryAfter).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
        assertThat(Long.parseLong(retryAfter)).isLessThanOrEqualTo(300);
    }

    private static Response login(String address, String name, String password) {
        return RestAssured.given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Api.loginBody(name, password)).put("/zstack/v1/accounts/login");
    }

    /** A fresh documentation address (198.18.0.0/15, for benchmarks and tests) for each caller. */
    private static String nextAddress() {
        int n = NEXT.incrementAndGet();
        return "198." + (18 + (n >> 16) % 2) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static double hashesSoFar() {
        Matcher m = HASHES.matcher(RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
