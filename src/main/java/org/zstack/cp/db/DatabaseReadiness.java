package org.zstack.cp.db;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.TimeUnit;

/**
 * Readiness: {@code SELECT 1} on a connection of its own (so that neither a busy application pool nor a blocked
 * JDBC pool can hold it up), DOWN when the database has not answered within {@code zstack.db.readiness-timeout}.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {
    static final String NAME = "Database";
    private final Vertx vertx;
    private final DatabaseConfig config;
    private final DeadlinePoolCreator creator;
    private final Pool application;
    private volatile Pool probe;

    public DatabaseReadiness(Vertx vertx, DatabaseConfig config, DeadlinePoolCreator creator, Pool application) {
        this.vertx = vertx;
        this.config = config;
        this.creator = creator;
        this.application = application;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().deferred(() -> probe().query("SELECT 1").execute())
                .ifNoItem().after(config.readinessTimeout()).fail()
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(failure.getMessage())).build());
    }

    private Pool probe() {
        Pool p = probe;
        if (p == null) {
            synchronized (this) {
                if (probe == null) {
                    application.size(); // makes sure the application pool, and so its connect options, exist
                    int millis = (int) Math.max(1, config.readinessTimeout().toMillis());
                    probe = Pool.newInstance(PgBuilder.pool()
                            .with(new PoolOptions().setMaxSize(1).setConnectionTimeout(millis)
                                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS).setName("readiness"))
                            .connectingTo(creator.connectOptions().stream()
                                    .map(o -> (SqlConnectOptions) new PgConnectOptions((PgConnectOptions) o)
                                            .setConnectTimeout(millis))
                                    .toList())
                            .using(vertx.getDelegate())
                            .build());
                }
                p = probe;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (probe != null) {
            probe.closeAndAwait();
        }
    }
}
