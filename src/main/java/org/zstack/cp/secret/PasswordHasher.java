package org.zstack.cp.secret;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.zstack.cp.api.RetryLater;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Argon2id hashes for passwords that are only ever checked (accounts, IAM2 virtual IDs), in the PHC string form
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. Hashing is slow on purpose, so the {@code Uni} methods run it
 * on a small pool of its own ({@code zstack.login.hash-concurrency} threads, by default half the cores) and answer on
 * the caller's context: a flood of password checks cannot take the event loop or the shared worker pool. At most
 * {@code zstack.login.hash-queue} more checks wait for a thread; beyond that a check fails at once with
 * {@link RetryLater} (429).
 */
@Singleton
public class PasswordHasher {
    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private final SecureRandom random = new SecureRandom();
    private final WorkerExecutor workers;
    private final Semaphore slots;
    private final Counter hashes;

    public PasswordHasher(Vertx vertx, MeterRegistry metrics, HashingConfig config) {
        int threads = Math.max(1, config.hashConcurrency().orElse(Runtime.getRuntime().availableProcessors() / 2));
        int queue = config.hashQueue();
        this.workers = vertx.createSharedWorkerExecutor("password-hasher", threads);
        this.slots = new Semaphore(threads + Math.max(0, queue));
        this.hashes = Counter.builder("zstack.password.hashes")
                .description("Argon2id derivations: password hashes and checks").register(metrics);
    }

    @PreDestroy
    void close() {
        workers.closeAndAwait();
    }

    public Uni<String> hashAsync(String password) {
        return bounded(Uni.createFrom().nullItem(), ignored -> hash(password));
    }

    public Uni<Boolean> verifyAsync(String password, String stored) {
        return bounded(Uni.createFrom().item(stored), hash -> verify(password, hash));
    }

    /**
     * Answers {@code subject} when {@code password} matches its stored hash, else null. The subject is read only
     * once a hashing slot is held, so that a check refused because every slot is taken costs no database work;
     * its {@code Uni} must not hold a connection when it completes.
     */
    public <T> Uni<T> matching(String password, Uni<T> subject, Function<T, String> storedHash) {
        return bounded(subject, s -> verify(password, s == null ? null : storedHash.apply(s)) ? s : null);
    }

    private <I, T> Uni<T> bounded(Uni<I> input, Function<I, T> work) {
        return Uni.createFrom().deferred(() -> {
            if (!slots.tryAcquire()) {
                return Uni.createFrom().failure(new RetryLater("too many password checks at once", 1));
            }
            return input.flatMap(in -> workers.executeBlocking(Uni.createFrom().item(() -> work.apply(in)), false))
                    .eventually((Runnable) slots::release);
        });
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when {@code stored} is a hash of {@code password}; false for a wrong password or a malformed hash. */
    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            derive(password, new byte[SALT_BYTES], MEMORY_KIB, ITERATIONS, PARALLELISM);
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String setting : parts[3].split(",")) {
            int value = Integer.parseInt(setting.substring(2));
            switch (setting.charAt(0)) {
                case 'm' -> memory = value;
                case 't' -> iterations = value;
                case 'p' -> parallelism = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, B64D.decode(parts[4]), memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism) {
        return derive(password, salt, memory, iterations, parallelism, HASH_BYTES);
    }

    private byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism,
                                 int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism)
                .build());
        byte[] out = new byte[length];
        hashes.increment();
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
