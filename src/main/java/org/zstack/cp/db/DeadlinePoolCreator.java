package org.zstack.cp.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool, with the database deadline as its connect timeout and as the longest wait for a free
 * connection, so that requests queued behind a database that stopped answering give up instead of piling up. It
 * also keeps the connect options for the readiness check's own connection, and gives
 * {@link DatabaseConfig#pipelinedConnections()} of the configured size to {@link PipelinedStatements}, so that the
 * service never holds more connections than {@code quarkus.datasource.reactive.max-size}.
 */
@Singleton
public class DeadlinePoolCreator implements PgPoolCreator {
    private final DatabaseConfig config;
    private volatile List<SqlConnectOptions> connectOptions = List.of();
    private volatile PoolOptions pipelinedOptions = new PoolOptions().setMaxSize(0);

    public DeadlinePoolCreator(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        int millis = (int) Math.max(1, config.timeout().toMillis());
        PoolOptions pool = input.poolOptions().setConnectionTimeout(millis)
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        int pipelined = Math.max(0, Math.min(config.pipelinedConnections(), pool.getMaxSize() - 1));
        pipelinedOptions = new PoolOptions(pool).setMaxSize(pipelined);
        pool.setMaxSize(pool.getMaxSize() - pipelined);
        List<SqlConnectOptions> options = input.pgConnectOptionsList().stream()
                .map(o -> (SqlConnectOptions) new PgConnectOptions(o).setConnectTimeout(millis).setTcpKeepAlive(true))
                .toList();
        connectOptions = options;
        return PgBuilder.pool().with(pool).connectingTo(options).using(input.vertx()).build();
    }

    /** The options the pool connects with (empty until the pool has been created). */
    List<SqlConnectOptions> connectOptions() {
        return connectOptions;
    }

    /**
     * The pool options of the pipelined client: its share of the configured pool size (none until the pool has been
     * created), and the pool's deadlines.
     */
    PoolOptions pipelinedOptions() {
        return pipelinedOptions;
    }
}
