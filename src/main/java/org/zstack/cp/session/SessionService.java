package org.zstack.cp.session;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.api.Uuids;
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

    public SessionService(AccountRepository accounts, SessionRepository sessions, PasswordHasher hasher,
                          SessionConfig config, SessionAuthenticator authenticator) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.config = config;
        this.authenticator = authenticator;
    }

    @WithTransaction
    public Uni<SessionInventory> login(LoginParams params) {
        return accounts.findByName(params.accountName())
                .flatMap(account -> hasher.verifyAsync(params.password().reveal(),
                                account == null ? null : account.passwordHash)
                        .map(matches -> {
                            if (!matches) {
                                throw new ApiException(ErrorCode.AUTHENTICATION_FAILED,
                                        "wrong account name or password");
                            }
                            return account;
                        }))
                .flatMap(account -> {
                    SessionEntity session = new SessionEntity();
                    session.uuid = Uuids.random();
                    session.accountUuid = account.uuid;
                    session.userUuid = account.uuid;
                    session.userType = USER_TYPE;
                    session.expiredDate = Instant.now().plus(config.timeout());
                    return sessions.persistAndFlush(session);
                })
                .map(SessionInventory::from);
    }

    @WithTransaction
    public Uni<Void> logout(String sessionUuid) {
        authenticator.forget(sessionUuid);
        return sessions.deleteById(sessionUuid).replaceWithVoid();
    }

    @WithSession
    public Uni<Boolean> valid(String sessionUuid) {
        return sessions.findById(sessionUuid)
                .map(s -> s != null && s.expiredDate.isAfter(Instant.now()));
    }
}
