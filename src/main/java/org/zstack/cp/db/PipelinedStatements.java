package org.zstack.cp.db;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The client of single statements that wait on no lock (reads, and writes of one row that nothing else holds for
 * long): a pipelined client, several statements in flight at once on each of its connections, with the pool's
 * deadlines. A statement that may wait on a row lock does not belong here, since the statements queued behind it
 * on its connection would wait too; those go to the pool. Without pipelined connections this is the pool.
 */
@Singleton
public class PipelinedStatements {
    private final SqlClient client;
    private final boolean own;

    public PipelinedStatements(Pool pool, DeadlinePoolCreator creator, Vertx vertx, DatabaseConfig config) {
        pool.getDelegate(); // the pool exists first, so that its creator has set this client's share
        PoolOptions options = new PoolOptions(creator.pipelinedOptions()).setShared(false).setName("pipelined");
        own = options.getMaxSize() > 0;
        client = own ? SqlClient.newInstance(PgBuilder.client().with(options)
                .connectingTo(creator.connectOptions().stream()
                        .map(o -> (SqlConnectOptions) new PgConnectOptions((PgConnectOptions) o)
                                .setPipeliningLimit(Math.max(1, config.pipeliningLimit())))
                        .toList())
                .using(vertx).build()) : pool;
    }

    public SqlClient client() {
        return client;
    }

    void close(@Observes ShutdownEvent event) {
        if (own) {
            client.closeAndAwait();
        }
    }
}
