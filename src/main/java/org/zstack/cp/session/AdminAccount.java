package org.zstack.cp.session;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.secret.Digests;
import org.zstack.cp.secret.PasswordHasher;

/**
 * Creates the {@code admin} account on first start from {@code zstack.admin.password}. Clients log in with the
 * SHA-512 hex of that password, so the hash is taken of the SHA-512 hex. Replicas starting together are safe:
 * the insert does nothing when the account exists. A start that finds the account takes no hash (Argon2id costs
 * a start about a tenth of its CPU).
 */
@ApplicationScoped
public class AdminAccount {
    static final String NAME = "admin";
    private static final String TYPE = "SystemAdmin";
    private static final Logger LOG = Logger.getLogger(AdminAccount.class);
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final String password;

    public AdminAccount(AccountRepository accounts, PasswordHasher hasher,
                        @ConfigProperty(name = "zstack.admin.password") String password) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (accounts.nameTaken(NAME).await().indefinitely()) {
            return;
        }
        String hash = hasher.hash(Digests.sha512Hex(password));
        boolean created = accounts.insertIfNameFree(Uuids.random(), NAME, hash, TYPE).await().indefinitely();
        if (created) {
            LOG.info("created the admin account");
        }
    }
}
