package org.zstack.cp.session;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a session on the hot path. A session read from the database is trusted for at most
 * {@code zstack.session.cache-ttl} (a few seconds), so most requests cost no query; a logout on this replica
 * takes effect at once, on another one within that time. The sliding expiry is written only when the last write
 * is older than {@link #REFRESH_INTERVAL}, and the conditional UPDATE keeps replicas from repeating it.
 */
@ApplicationScoped
public class SessionAuthenticator {
    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 100_000;
    private final SessionRepository sessions;
    private final SessionConfig config;
    private final ConcurrentHashMap<String, Known> cache = new ConcurrentHashMap<>();

    /** What the database said of a session, and when it was asked. */
    private record Known(String accountUuid, Instant expiredDate, Instant lastWrite, Instant readAt) {
    }

    public SessionAuthenticator(SessionRepository sessions, SessionConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /** The account of a valid session; fails with ID.1001 for an unknown or expired one. */
    public Uni<String> authenticate(String sessionUuid) {
        Instant now = Instant.now();
        Known known = cache.get(sessionUuid);
        if (known != null && known.readAt().plus(config.cacheTtl()).isAfter(now)
                && known.expiredDate().isAfter(now) && known.lastWrite().plus(REFRESH_INTERVAL).isAfter(now)) {
            return Uni.createFrom().item(known.accountUuid());
        }
        return sessions.findExpiry(sessionUuid).flatMap(stored -> {
            if (stored == null) {
                cache.remove(sessionUuid);
                return Uni.createFrom().failure(invalid("the session [" + sessionUuid + "] is not found"));
            }
            if (!stored.expiredDate().isAfter(now)) {
                cache.remove(sessionUuid);
                return Uni.createFrom().failure(invalid("the session [" + sessionUuid + "] has expired"));
            }
            String account = stored.accountUuid();
            if (stored.lastWrite().plus(REFRESH_INTERVAL).isAfter(now)) {
                remember(sessionUuid, new Known(account, stored.expiredDate(), stored.lastWrite(), now));
                return Uni.createFrom().item(account);
            }
            Instant slid = now.plus(config.timeout());
            return sessions.slide(sessionUuid, slid, now, now.minus(REFRESH_INTERVAL))
                    .invoke(() -> remember(sessionUuid, new Known(account, slid, now, now)))
                    .replaceWith(account);
        });
    }

    /** Forgets a session that has just ended here, so that this replica refuses it from now on. */
    public void forget(String sessionUuid) {
        cache.remove(sessionUuid);
    }

    private void remember(String sessionUuid, Known known) {
        if (config.cacheTtl().isZero()) {
            return;
        }
        if (cache.size() >= MAX_CACHED) {
            Instant stale = Instant.now().minus(config.cacheTtl());
            cache.values().removeIf(k -> k.readAt().isBefore(stale));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(sessionUuid, known);
    }

    private static ApiException invalid(String details) {
        return new ApiException(ErrorCode.INVALID_SESSION, details);
    }
}
