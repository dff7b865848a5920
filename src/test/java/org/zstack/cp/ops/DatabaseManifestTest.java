package org.zstack.cp.ops;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.ops.Kustomize.field;
import static org.zstack.cp.ops.Kustomize.map;
import static org.zstack.cp.ops.Kustomize.ofKind;
import static org.zstack.cp.ops.Kustomize.only;

/**
 * The in-cluster database of both overlays: a CloudNativePG Cluster (and in prod a PgBouncer Pooler and a scheduled
 * backup), the app's datasources and credentials pointing at it, the connection budget, and the fresh-clone render.
 */
class DatabaseManifestTest {
    static final String CNPG = "postgresql.cnpg.io/v1";
    /**
     * Connections kept free below max_connections besides superuser_reserved_connections: the operator's and the
     * metrics exporter's, PgBouncer's auth queries, an administrator's psql.
     */
    static final int RESERVE = 10;
    /** Each pod's readiness check holds one reactive connection of its own (org.zstack.cp.db.DatabaseReadiness). */
    static final int READINESS_CONNECTIONS = 1;
    private static final Pattern PGBOUNCER_VERSION = Pattern.compile(":(\\d+)\\.(\\d+)(?:\\.\\d+)?$");

    /** Secrets the operator creates in the cluster, so no overlay renders them: {@code <cluster>-app}. */
    static boolean madeByOperator(List<HasMetadata> objects, String secret) {
        return ofKind(objects, CNPG, "Cluster").stream().anyMatch(c -> secret.equals(c.getMetadata().getName() + "-app"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDatabaseIsACloudNativePgCluster(String overlay) throws Exception {
        List<HasMetadata> objects = Kustomize.renderWithPlaceholderSecrets(overlay);
        assertThat(objects).noneMatch(StatefulSet.class::isInstance);
        GenericKubernetesResource cluster = single(ofKind(objects, CNPG, "Cluster"), "Cluster");
        String name = cluster.getMetadata().getName();

        assertThat(field(cluster, "spec", "instances")).isEqualTo("prod".equals(overlay) ? 3 : 1);
        assertThat((String) field(cluster, "spec", "imageName")).matches("ghcr\\.io/cloudnative-pg/postgresql:17\\.\\d+");
        assertThat(field(cluster, "spec", "storage", "size")).isNotNull();
        assertThat(map(cluster, "spec", "resources", "requests")).containsKeys("cpu", "memory");
        assertThat(map(cluster, "spec", "resources", "limits")).containsKeys("cpu", "memory");
        assertThat(field(cluster, "spec", "enablePDB")).isEqualTo(true);
        assertThat(field(cluster, "spec", "monitoring", "enablePodMonitor")).isEqualTo(true);

        Map<String, String> env = environment(objects);
        URI jdbc = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
        URI reactive = URI.create(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertThat(jdbc.getHost()).as("Flyway goes to the primary directly").isEqualTo(name + "-rw");
        assertThat(field(cluster, "spec", "bootstrap", "initdb", "database")).isEqualTo(jdbc.getPath().substring(1))
                .isEqualTo(reactive.getPath().substring(1));
        List<GenericKubernetesResource> poolers = ofKind(objects, CNPG, "Pooler");
        if ("prod".equals(overlay)) {
            GenericKubernetesResource pooler = single(poolers, "Pooler");
            assertThat(reactive.getHost()).as("the application goes through PgBouncer")
                    .isEqualTo(pooler.getMetadata().getName());
            assertThat(field(pooler, "spec", "cluster", "name")).isEqualTo(name);
            assertThat(field(pooler, "spec", "type")).isEqualTo("rw");
        } else {
            assertThat(poolers).isEmpty();
            assertThat(reactive.getHost()).isEqualTo(name + "-rw");
        }

        Container app = only(objects, Deployment.class, "zstack-update-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertSecretRef(app, "QUARKUS_DATASOURCE_USERNAME", name + "-app", "username");
        assertSecretRef(app, "QUARKUS_DATASOURCE_PASSWORD", name + "-app", "password");
        assertThat(env).doesNotContainKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

        NetworkPolicy policy = only(objects, NetworkPolicy.class, name);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("cnpg.io/cluster", name);
    }

    /**
     * Transaction pooling with the app's prepared statements needs PgBouncer 1.21+ and max_prepared_statements; in
     * session mode each reactive connection would hold a server connection for good.
     */
    @Test
    void prodPoolsInTransactionModeWithPreparedStatements() throws Exception {
        GenericKubernetesResource pooler = single(ofKind(Kustomize.renderWithPlaceholderSecrets("prod"), CNPG, "Pooler"),
                "Pooler");
        assertThat(field(pooler, "spec", "pgbouncer", "poolMode")).isEqualTo("transaction");
        assertThat(Integer.parseInt((String) field(pooler, "spec", "pgbouncer", "parameters", "max_prepared_statements")))
                .isPositive();
        List<?> containers = (List<?>) field(pooler, "spec", "template", "spec", "containers");
        String image = (String) ((Map<?, ?>) containers.get(0)).get("image");
        Matcher version = PGBOUNCER_VERSION.matcher(image);
        assertThat(version.find()).as(image).isTrue();
        assertThat(Integer.parseInt(version.group(1)) * 100 + Integer.parseInt(version.group(2)))
                .as("PgBouncer version of " + image).isGreaterThanOrEqualTo(121);
    }

    @Test
    void prodBacksUpTheCluster() throws Exception {
        List<HasMetadata> objects = Kustomize.renderWithPlaceholderSecrets("prod");
        GenericKubernetesResource cluster = single(ofKind(objects, CNPG, "Cluster"), "Cluster");
        GenericKubernetesResource backup = single(ofKind(objects, CNPG, "ScheduledBackup"), "ScheduledBackup");
        assertThat(field(backup, "spec", "cluster", "name")).isEqualTo(cluster.getMetadata().getName());
        // CloudNativePG's cron has six fields, seconds first.
        assertThat(((String) field(backup, "spec", "schedule")).split(" ")).hasSize(6);
        Object method = field(backup, "spec", "method");
        if ("volumeSnapshot".equals(method)) {
            assertThat(field(cluster, "spec", "backup", "volumeSnapshot", "className")).isNotNull();
        } else {
            assertThat(method).isIn("barmanObjectStore", "plugin");
        }
        assertThat(ofKind(Kustomize.renderWithPlaceholderSecrets("dev"), CNPG, "ScheduledBackup")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConnectionBudgetHolds(String overlay) throws Exception {
        Budget budget = Budget.of(Kustomize.renderWithPlaceholderSecrets(overlay), KubernetesManifestTest.prodConfig());
        assertThat(budget.violations()).as(overlay + ": " + budget).isEmpty();
    }

    /** The check itself: base's 6 replicas straight on a 100-connection database do not fit, nor a too-big pool. */
    @Test
    void theBudgetCheckRejectsTooManyConnections() {
        int perPod = 16 + READINESS_CONNECTIONS;
        Budget direct = new Budget(6 + 1, perPod, 2, 100, 3, Optional.empty());
        assertThat(direct.violations()).singleElement().asString().contains("133").contains("87");
        Budget pooled = new Budget(7, perPod, 2, 100, 3, Optional.of(new Budget.Pooler(2, 500, 40, 0)));
        assertThat(pooled.violations()).singleElement().asString().contains("94");
        Budget crowded = new Budget(7, perPod, 2, 100, 3, Optional.of(new Budget.Pooler(2, 100, 20, 0)));
        assertThat(crowded.violations()).singleElement().asString().contains("119").contains("max_client_conn");
    }

    /** A fresh clone (only what git tracks) renders dev as it is, and prod not without the user's secret files. */
    @Test
    void aFreshCloneRendersDevAndProdAsksForItsSecrets() throws Exception {
        Kustomize.Result dev = Kustomize.renderAsCloned("dev");
        assertThat(dev.exitCode()).as(dev.stderr()).isZero();
        List<HasMetadata> objects = Kustomize.parse(dev.stdout());
        assertThat(objects).filteredOn(Secret.class::isInstance).isNotEmpty();
        assertThat(ofKind(objects, CNPG, "Cluster")).hasSize(1);

        Kustomize.Result prod = Kustomize.renderAsCloned("prod");
        assertThat(prod.exitCode()).isNotZero();
        assertThat(prod.stderr()).contains("secrets/admin-password");
    }

    /** One image name and tag scheme: zstack-update-service:<project version>, in the overlays and the docs. */
    @Test
    void theImageIsTaggedWithTheProjectVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>zstack-update-service</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).isTrue();
        String image = "zstack-update-service:" + m.group(1);
        for (String overlay : List.of("dev", "prod")) {
            assertThat(only(Kustomize.renderWithPlaceholderSecrets(overlay), Deployment.class, null).getSpec()
                    .getTemplate().getSpec().getContainers().get(0).getImage()).as(overlay).endsWith(image);
        }
        assertThat(Files.readString(Path.of("src/main/docker/Dockerfile.jvm"))).contains("-t " + image + " .");
        assertThat(Files.readString(Path.of("src/main/docker/Dockerfile.native"))).contains("-t " + image + "-native .");
        assertThat(Files.readString(Path.of("README.md"))).contains("-t " + image + " .");
    }

    private static void assertSecretRef(Container app, String variable, String secret, String key) {
        EnvVar env = app.getEnv().stream().filter(e -> variable.equals(e.getName())).findFirst().orElseThrow();
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).as(variable).isEqualTo(secret);
        assertThat(env.getValueFrom().getSecretKeyRef().getKey()).as(variable).isEqualTo(key);
    }

    /** The app container's plain variables: its ConfigMaps' data, then its own {@code env} values. */
    static Map<String, String> environment(List<HasMetadata> objects) {
        Container app = only(objects, Deployment.class, "zstack-update-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        Map<String, String> env = new java.util.HashMap<>();
        if (app.getEnvFrom() != null) {
            app.getEnvFrom().stream().filter(from -> from.getConfigMapRef() != null).forEach(from ->
                    env.putAll(only(objects, ConfigMap.class, from.getConfigMapRef().getName()).getData()));
        }
        app.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    private static GenericKubernetesResource single(List<GenericKubernetesResource> found, String kind) {
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    /**
     * The most connections the overlay's pods can open, against what the database (or PgBouncer) accepts. Pods are
     * the HPA's maxReplicas plus the rollout's maxSurge; each holds its reactive pool and the readiness connection,
     * and its JDBC pool while Flyway runs at start (counted for every pod: the HPA may start several at once).
     */
    record Budget(int pods, int reactivePerPod, int jdbcPerPod, int maxConnections, int superuserReserved,
                  Optional<Pooler> pooler) {
        /** PgBouncer's limits, each per PgBouncer instance. */
        record Pooler(int instances, int maxClientConn, int defaultPoolSize, int reservePoolSize) {
        }

        static Budget of(List<HasMetadata> objects, Config config) {
            HorizontalPodAutoscaler hpa = only(objects, HorizontalPodAutoscaler.class, null);
            Deployment deployment = only(objects, Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            int maxReplicas = hpa.getSpec().getMaxReplicas();
            IntOrString surge = deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
            int surgePods = surge == null ? (maxReplicas + 3) / 4 // Kubernetes' default, 25 % rounded up
                    : surge.getIntVal() != null ? surge.getIntVal()
                    : (int) Math.ceil(maxReplicas * Integer.parseInt(surge.getStrVal().replace("%", "")) / 100.0);
            Map<String, String> env = environment(objects);
            int reactive = setting(env, config, "quarkus.datasource.reactive.max-size", 20);
            int jdbc = setting(env, config, "quarkus.datasource.jdbc.max-size", 20);

            GenericKubernetesResource cluster = single(ofKind(objects, CNPG, "Cluster"), "Cluster");
            Map<String, Object> parameters = map(cluster, "spec", "postgresql", "parameters");
            assertThat(parameters).as("the Cluster's postgresql.parameters state the limits")
                    .containsKeys("max_connections", "superuser_reserved_connections");
            Optional<Pooler> pooler = ofKind(objects, CNPG, "Pooler").stream().findFirst().map(p -> {
                Map<String, Object> bouncer = map(p, "spec", "pgbouncer", "parameters");
                assertThat(bouncer).as("the Pooler's pgbouncer.parameters state the limits")
                        .containsKeys("max_client_conn", "default_pool_size");
                return new Pooler((Integer) field(p, "spec", "instances"), intOf(bouncer, "max_client_conn", 0),
                        intOf(bouncer, "default_pool_size", 0), intOf(bouncer, "reserve_pool_size", 0));
            });
            return new Budget(maxReplicas + surgePods, reactive + READINESS_CONNECTIONS, jdbc,
                    intOf(parameters, "max_connections", 0), intOf(parameters, "superuser_reserved_connections", 0),
                    pooler);
        }

        /** Connections the application may open on the database server. */
        int usable() {
            return maxConnections - superuserReserved - RESERVE;
        }

        List<String> violations() {
            List<String> violations = new ArrayList<>();
            int flyway = pods * jdbcPerPod;
            if (pooler.isEmpty()) {
                int total = pods * (reactivePerPod + jdbcPerPod);
                if (total > usable()) {
                    violations.add(pods + " pods x (" + reactivePerPod + " reactive + " + jdbcPerPod + " JDBC) = " + total
                            + " connections > " + usable() + " (max_connections " + maxConnections + " - reserved "
                            + superuserReserved + " - " + RESERVE + ")");
                }
                return violations;
            }
            Pooler p = pooler.get();
            int clients = pods * reactivePerPod;
            if (clients > p.maxClientConn()) {
                violations.add(pods + " pods x " + reactivePerPod + " reactive = " + clients
                        + " client connections > PgBouncer's max_client_conn " + p.maxClientConn());
            }
            int servers = p.instances() * (p.defaultPoolSize() + p.reservePoolSize()) + flyway;
            if (servers > usable()) {
                violations.add(p.instances() + " PgBouncers x (" + p.defaultPoolSize() + " + " + p.reservePoolSize()
                        + ") + " + pods + " pods x " + jdbcPerPod + " JDBC = " + servers + " connections > " + usable()
                        + " (max_connections " + maxConnections + " - reserved " + superuserReserved + " - "
                        + RESERVE + ")");
            }
            return violations;
        }

        /** From the pod's environment if the manifests set it, else application.properties, else Quarkus' default. */
        private static int setting(Map<String, String> env, Config config, String property, int quarkusDefault) {
            String variable = property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            String value = env.containsKey(variable) ? env.get(variable)
                    : config.getOptionalValue(property, String.class).orElse(String.valueOf(quarkusDefault));
            return Integer.parseInt(value);
        }

        private static int intOf(Map<?, ?> map, String key, int absent) {
            Object value = map.get(key);
            return value == null ? absent : Integer.parseInt(value.toString());
        }
    }
}
