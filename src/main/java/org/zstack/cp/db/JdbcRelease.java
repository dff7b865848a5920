package org.zstack.cp.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The JDBC pool serves only Flyway's migration, which is over when the application starts: its idle connection is
 * closed then instead of after the pool's idle timeout, so that each replica holds only its reactive connections
 * (the connection budget in deploy/k8s counts on it).
 */
@ApplicationScoped
class JdbcRelease {
    private final AgroalDataSource jdbc;

    JdbcRelease(AgroalDataSource jdbc) {
        this.jdbc = jdbc;
    }

    void afterMigration(@Observes StartupEvent started) {
        jdbc.flush(AgroalDataSource.FlushMode.IDLE);
    }
}
