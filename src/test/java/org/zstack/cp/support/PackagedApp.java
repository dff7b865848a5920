package org.zstack.cp.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application started as its own process in the prod profile, against a PostgreSQL container, the way
 * a replica runs in Kubernetes: the native executable when {@code -Pnative} built one, else the jar.
 */
public final class PackagedApp implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "packaged-admin-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final int port;

    private PackagedApp(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A PostgreSQL container with an empty {@code zstack} database. */
    @SuppressWarnings("resource")
    public static GenericContainer<?> postgres() {
        GenericContainer<?> pg = new GenericContainer<>(DockerImageName.parse(
                System.getenv().getOrDefault("TC_PG_IMAGE", "postgres:17")).asCompatibleSubstituteFor("postgres"))
                .withEnv("POSTGRES_USER", "zstack").withEnv("POSTGRES_PASSWORD", "zstack")
                .withEnv("POSTGRES_DB", "zstack")
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
        pg.start();
        return pg;
    }

    public static String jdbcUrl(GenericContainer<?> pg) {
        return "jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(5432) + "/zstack";
    }

    public static PackagedApp start(GenericContainer<?> pg, String name) throws IOException {
        return start(pg, name, Map.of());
    }

    /** Started with {@code settings} as extra environment variables. */
    public static PackagedApp start(GenericContainer<?> pg, String name, Map<String, String> settings)
            throws IOException {
        int port = freePort();
        String hostPort = pg.getHost() + ":" + pg.getMappedPort(5432);
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + hostPort + "/zstack");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + hostPort + "/zstack");
        env.put("QUARKUS_DATASOURCE_USERNAME", "zstack");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "zstack");
        env.put("ZSTACK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("ZSTACK_SECRET_KEY", "cGFja2FnZWQtYXBwLXRlc3RzLW9ubHkta2V5LTMyYnk=");
        env.putAll(settings);
        return new PackagedApp(builder.start(), port);
    }

    private static List<String> command() {
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            return List.of(nativeImage);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Logs in as admin; the UUID of the session. */
    public String login() throws Exception {
        HttpResponse<String> r = OpenApiContract.checked(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/zstack/v1/accounts/login"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Fixtures.json(Api.loginBody("admin",
                        Api.sha512(ADMIN_PASSWORD))))).build(),
                HttpResponse.BodyHandlers.ofString()));
        if (r.statusCode() != 200) {
            throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
        }
        return new ObjectMapper().readTree(r.body()).at("/inventory/uuid").asText();
    }

    /** Polls readiness until it answers 200, or fails after {@code limit}. */
    public void awaitReady(Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue());
            }
            if (readiness() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application was not ready within " + limit);
    }

    /** The readiness status code, or -1 when nothing answers. */
    public int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends SIGTERM, as Kubernetes does. */
    public void sigterm() {
        process.destroy();
    }

    public boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
