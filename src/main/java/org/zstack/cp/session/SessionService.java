package org.zstack.cp.session;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.secret.PasswordHasher;

import java.time.Instant;

@ApplicationScoped
public class SessionService {
    static final String USER_TYPE = "AccountVO";
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final SessionConfig config;
    private final SessionAuthenticator authenticator;
    private final LoginLimiter limiter;
    private final Transactions transactions;

    public SessionService(AccountRepository accounts, SessionRepository sessions, PasswordHasher hasher,
                          SessionConfig config, SessionAuthenticator authenticator, LoginLimiter limiter,
                          Transactions transactions) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.config = config;
        this.authenticator = authenticator;
        this.limiter = limiter;
    }

    /**
     * Refuses a locked login first, then, holding a hashing slot, reads the account and checks the password on the
     * hasher's own pool, and writes the session in a short transaction of its own: no connection is held while
     * the password is hashed.
     */
    public Uni<SessionInventory> login(LoginParams params, String address) {
        String name = params.accountName();
        Uni<AccountEntity> account = limiter.requireUnlocked(name, address)
                .flatMap(v -> transactions.withSession(() -> accounts.findByName(name)));
        return limiter.requireNotKnownLocked(name, address)
                .flatMap(v -> hasher.matching(params.password().reveal(), account, a -> a.passwordHash))
                .flatMap(matched -> {
                    if (matched == null) {
                        return limiter.recordFailure(name, address).map(v -> {
                            throw new ApiException(ErrorCode.AUTHENTICATION_FAILED, "wrong account name or password");
                        });
                    }
                    return limiter.forget(name, address).replaceWith(matched);
                })
                .flatMap(matched -> transactions.withTransaction(() -> sessions.persistAndFlush(newSession(matched))))
                .map(SessionInventory::from);
    }

    private SessionEntity newSession(AccountEntity account) {
        SessionEntity session = new SessionEntity();
        session.uuid = Uuids.random();
        session.accountUuid = account.uuid;
        session.userUuid = account.uuid;
        session.userType = USER_TYPE;
        session.expiredDate = Instant.now().plus(config.timeout());
        return session;
    }

    public Uni<Void> logout(String sessionUuid) {
        authenticator.forget(sessionUuid);
        return transactions.withTransaction(() -> sessions.deleteById(sessionUuid)).replaceWithVoid();
    }

    public Uni<Boolean> valid(String sessionUuid) {
        return transactions.withSession(() -> sessions.findById(sessionUuid))
                .map(s -> s != null && s.expiredDate.isAfter(Instant.now()));
    }
}
