package org.zstack.cp.session;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.RetryLater;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts failed logins in {@code login_failure}, shared by all replicas and timed by the database's clock, under
 * three keys: (account, address), the account alone (address {@code ''}) and the address alone (account {@code ''}).
 * A login whose keys are locked is refused before its password is looked at, and such refusals are not counted, so
 * one address adds at most {@code max-failures} to an account's count per lockout. Each call is one statement of
 * {@link LoginFailureRepository}: no connection is held across the password check. A lock never ends early, so a
 * replica remembers the locks it has seen and refuses a flood against them without asking the database.
 */
@ApplicationScoped
public class LoginLimiter {
    static final String ANY = "";
    private static final int SWEEP_EVERY = 256;
    private static final int MAX_KNOWN_LOCKS = 100_000;
    private final LoginFailureRepository failures;
    private final LoginConfig config;
    private final AtomicLong recorded = new AtomicLong();
    private final ConcurrentHashMap<String, Instant> knownLocks = new ConcurrentHashMap<>();

    public LoginLimiter(LoginFailureRepository failures, LoginConfig config) {
        this.failures = failures;
        this.config = config;
    }

    /** Fails at once with {@link RetryLater} while this replica knows one of the login's keys to be locked. */
    public Uni<Void> requireNotKnownLocked(String account, String address) {
        Instant now = Instant.now();
        for (String[] key : keys(account, address)) {
            Instant until = knownLocks.get(id(key[0], key[1]));
            if (until != null && until.isAfter(now)) {
                return Uni.createFrom().failure(locked(key[0], key[1], until.getEpochSecond() - now.getEpochSecond()));
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** Fails with {@link RetryLater} while the database has one of the login's keys locked. */
    public Uni<Void> requireUnlocked(String account, String address) {
        return failures.countsOf(account, address, config.lockout()).map(counts -> {
            RetryLater longest = null;
            for (LoginFailureCount count : counts) {
                int limit = limitOf(count.accountName(), count.address());
                long left = count.lockedForSeconds();
                if (limit > 0 && count.failures() >= limit && left > 0) {
                    remember(count.accountName(), count.address(), Instant.now().plusSeconds(left));
                    if (longest == null || left > longest.retryAfterSeconds()) {
                        longest = locked(count.accountName(), count.address(), left);
                    }
                }
            }
            if (longest != null) {
                throw longest;
            }
            return null;
        });
    }

    public Uni<Void> recordFailure(String account, String address) {
        List<String> names = new ArrayList<>(3);
        List<String> addresses = new ArrayList<>(3);
        for (String[] key : keys(account, address)) {
            if (limitOf(key[0], key[1]) > 0) {
                names.add(key[0]);
                addresses.add(key[1]);
            }
        }
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> record = failures.record(names, addresses, config.failureWindow()).invoke(counts -> {
            for (LoginFailureCount count : counts) {
                if (count.failures() >= limitOf(count.accountName(), count.address())) {
                    remember(count.accountName(), count.address(), Instant.now().plus(config.lockout()));
                }
            }
        }).replaceWithVoid();
        if (recorded.incrementAndGet() % SWEEP_EVERY != 0) {
            return record;
        }
        Duration stale = config.failureWindow().compareTo(config.lockout()) >= 0 ? config.failureWindow()
                : config.lockout();
        return record.call(() -> failures.sweep(stale));
    }

    /** After a successful login: the (account, address) key starts again; the wider keys keep counting. */
    public Uni<Void> forget(String account, String address) {
        return failures.forget(account, address);
    }

    private static String[][] keys(String account, String address) {
        return new String[][] {{account, address}, {account, ANY}, {ANY, address}};
    }

    private static String id(String account, String address) {
        return account + '\0' + address;
    }

    private void remember(String account, String address, Instant until) {
        if (knownLocks.size() >= MAX_KNOWN_LOCKS) {
            Instant now = Instant.now();
            knownLocks.values().removeIf(u -> !u.isAfter(now));
            if (knownLocks.size() >= MAX_KNOWN_LOCKS) {
                knownLocks.clear();
            }
        }
        knownLocks.merge(id(account, address), until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private static RetryLater locked(String account, String address, long seconds) {
        return new RetryLater("too many failed logins " + describe(account, address), seconds);
    }

    private int limitOf(String account, String address) {
        if (ANY.equals(address)) {
            return config.maxFailuresPerAccount();
        }
        return ANY.equals(account) ? config.maxFailuresPerAddress() : config.maxFailures();
    }

    private static String describe(String account, String address) {
        if (ANY.equals(address)) {
            return "for account [" + account + "]";
        }
        return ANY.equals(account) ? "from address [" + address + "]"
                : "for account [" + account + "] from address [" + address + "]";
    }
}
