package org.zstack.cp.session;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.secret.Digests;
import org.zstack.cp.secret.PasswordHasher;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Creates the {@code admin} account on first start from {@code zstack.admin.password}. Clients log in with the
 * SHA-512 hex of that password, so the hash is taken of the SHA-512 hex. Replicas starting together are safe:
 * the insert does nothing when the account exists.
 */
@ApplicationScoped
public class AdminAccount {
    static final String NAME = "admin";
    private static final Logger LOG = Logger.getLogger(AdminAccount.class);
    private final Pool pool;
    private final PasswordHasher hasher;
    private final String password;

    public AdminAccount(Pool pool, PasswordHasher hasher, @ConfigProperty(name = "zstack.admin.password") String password) {
        this.pool = pool;
        this.hasher = hasher;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int created = pool.preparedQuery("INSERT INTO account (uuid, name, password_hash, type, create_date, last_op_date) "
                        + "VALUES ($1, $2, $3, 'SystemAdmin', $4, $4) ON CONFLICT (name) DO NOTHING")
                .execute(Tuple.of(Uuids.random(), NAME, hasher.hash(Digests.sha512Hex(password)), now))
                .await().indefinitely()
                .rowCount();
        if (created == 1) {
            LOG.info("created the admin account");
        }
    }
}
