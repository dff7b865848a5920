package org.zstack.cp.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<AccountEntity, String> {
    private static final String INSERT_IF_NAME_FREE = "INSERT INTO account (uuid, name, password_hash, type, "
            + "create_date, last_op_date) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (name) DO NOTHING";
    private static final String NAME_TAKEN = "SELECT 1 FROM account WHERE name = $1";
    private final Pool pool;

    AccountRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<AccountEntity> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** One statement on the pool. */
    Uni<Boolean> nameTaken(String name) {
        return pool.preparedQuery(NAME_TAKEN).execute(Tuple.of(name)).map(rows -> rows.size() > 0);
    }

    /** One statement on the pool; false when an account of that name exists already (it is left as it is). */
    Uni<Boolean> insertIfNameFree(String uuid, String name, String passwordHash, String type) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery(INSERT_IF_NAME_FREE).execute(Tuple.of(uuid, name, passwordHash, type, now))
                .map(rows -> rows.rowCount() == 1);
    }
}
