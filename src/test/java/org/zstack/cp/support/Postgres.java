package org.zstack.cp.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.testcontainers.DockerClientFactory;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The PostgreSQL container behind the service under test (Dev Services), found by the port of the service's own
 * JDBC URL so that the containers of other test runs on the same Docker engine are never touched.
 */
public final class Postgres {
    private Postgres() {
    }

    public static void pause() {
        docker().pauseContainerCmd(containerId()).exec();
    }

    public static void unpause() {
        docker().unpauseContainerCmd(containerId()).exec();
    }

    /** A JDBC connection of the test's own, outside the service's pool. */
    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static String containerId() {
        String jdbc = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        int port = URI.create(jdbc.substring("jdbc:".length())).getPort();
        return docker().listContainersCmd().exec().stream()
                .filter(c -> publishes(c, port))
                .map(Container::getId)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no container publishes port " + port));
    }

    private static boolean publishes(Container container, int port) {
        return Arrays.stream(container.getPorts()).map(ContainerPort::getPublicPort)
                .anyMatch(p -> p != null && p == port);
    }
}
