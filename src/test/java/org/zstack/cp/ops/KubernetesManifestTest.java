package org.zstack.cp.ops;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zstack.cp.ops.Kustomize.only;

/**
 * Renders both kustomize overlays with kubectl and checks that they agree with the application's configuration:
 * probe paths, the container port, the variables the Deployment sets, the shutdown budget, and the rest of the
 * deployment the operations issue asks for. CI installs kubectl; elsewhere the test is skipped without it.
 * The database (CloudNativePG) and the connection budget: {@link DatabaseManifestTest}.
 */
@QuarkusTest
class KubernetesManifestTest {
    /** Datasource settings the reactive client and Flyway read; Dev Services sets them in tests. */
    private static final Set<String> DATASOURCE_PROPERTIES = Set.of("quarkus.datasource.reactive.url",
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOverlayRendersAndAgreesWithTheApplication(String overlay) throws Exception {
        List<HasMetadata> objects = Kustomize.renderWithPlaceholderSecrets(overlay);
        Config config = prodConfig();

        Deployment deployment = only(objects, Deployment.class, "zstack-update-service");
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        ContainerPort http = app.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
        assertThat(http.getContainerPort()).isEqualTo(config.getValue("quarkus.http.port", Integer.class));
        String health = "/" + config.getOptionalValue("quarkus.http.non-application-root-path", String.class)
                .orElse("q") + "/" + config.getOptionalValue("quarkus.smallrye-health.root-path", String.class)
                .orElse("health");
        assertProbe(app.getStartupProbe(), health + "/started", http);
        assertProbe(app.getLivenessProbe(), health + "/live", http);
        assertProbe(app.getReadinessProbe(), health + "/ready", http);

        Set<String> readByApp = new HashSet<>(DATASOURCE_PROPERTIES);
        config.getPropertyNames().forEach(readByApp::add);
        ConfigProvider.getConfig().getPropertyNames().forEach(readByApp::add);
        // A property set only in some profile (zstack.agent.callback-base-url) is read in every profile.
        new ArrayList<>(readByApp).forEach(name -> readByApp.add(name.replaceFirst("^%[\\w-]+\\.", "")));
        // As SmallRye maps variables to properties: every character but letters and digits becomes '_'.
        Set<String> asVariables = new HashSet<>();
        readByApp.forEach(name -> asVariables.add(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
        for (String variable : environmentOf(app, objects)) {
            assertThat(asVariables).as("the application reads " + variable).contains(variable);
        }
        for (EnvVar env : app.getEnv()) {
            // The CloudNativePG operator makes <cluster>-app in the cluster (DatabaseManifestTest checks those refs).
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null
                    && !DatabaseManifestTest.madeByOperator(objects, env.getValueFrom().getSecretKeyRef().getName())) {
                Secret secret = only(objects, Secret.class, env.getValueFrom().getSecretKeyRef().getName());
                assertThat(secret.getData()).containsKey(env.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        assertThat(app.getEnv().stream().map(EnvVar::getName)).contains("ZSTACK_ADMIN_PASSWORD", "ZSTACK_SECRET_KEY",
                "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(app.getEnv()).allMatch(env -> env.getValue() == null || !env.getName().contains("PASSWORD"));

        assertCallbackAddress(app, http, objects);

        Duration shutdown = DurationConverter.parseDuration(config.getValue("quarkus.shutdown.timeout", String.class))
                .plus(DurationConverter.parseDuration(config.getValue("quarkus.shutdown.delay", String.class)));
        assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan(shutdown.toSeconds());
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(app.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(app.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(app.getResources().getLimits()).containsKeys("cpu", "memory");
        if ("prod".equals(overlay)) {
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        }

        Service service = only(objects, Service.class, "zstack-update-service");
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(only(objects, PodDisruptionBudget.class, null)).isNotNull();
        HorizontalPodAutoscaler hpa = only(objects, HorizontalPodAutoscaler.class, null);
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");

        // The database objects, the connection budget and the fresh-clone render: DatabaseManifestTest.
    }

    /** Agents reply to the replica that waits: its pod IP (downward API), on the port its NetworkPolicy opens. */
    private static void assertCallbackAddress(Container app, ContainerPort http, List<HasMetadata> objects) {
        List<String> names = app.getEnv().stream().map(EnvVar::getName).toList();
        EnvVar podIp = app.getEnv().get(names.indexOf("POD_IP"));
        assertThat(podIp.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        assertThat(names.indexOf("ZSTACK_AGENT_CALLBACK_BASE_URL")).isGreaterThan(names.indexOf("POD_IP"));
        assertThat(app.getEnv().get(names.indexOf("ZSTACK_AGENT_CALLBACK_BASE_URL")).getValue())
                .isEqualTo("http://$(POD_IP):" + http.getContainerPort());
        NetworkPolicy policy = only(objects, NetworkPolicy.class, "zstack-update-service");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getPorts())
                .singleElement().satisfies(port -> assertThat(port.getPort().getIntVal())
                        .isEqualTo(http.getContainerPort())));
    }

    /** The configuration the packaged application runs with: application.properties in the prod profile. */
    static Config prodConfig() throws IOException {
        return new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        KubernetesManifestTest.class.getClassLoader().getResource("application.properties"), 250))
                .build();
    }

    private static void assertProbe(Probe probe, String path, ContainerPort http) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        String port = probe.getHttpGet().getPort().getStrVal();
        assertThat(port == null ? probe.getHttpGet().getPort().getIntVal() : port)
                .isIn(http.getName(), http.getContainerPort());
    }

    /** The variables the application reads; those from the downward API only feed others ($(POD_IP)). */
    private static List<String> environmentOf(Container app, List<HasMetadata> objects) {
        List<String> names = new ArrayList<>(app.getEnv().stream()
                .filter(env -> env.getValueFrom() == null || env.getValueFrom().getFieldRef() == null)
                .map(EnvVar::getName).toList());
        if (app.getEnvFrom() != null) {
            app.getEnvFrom().stream().filter(from -> from.getConfigMapRef() != null).forEach(from ->
                    names.addAll(only(objects, ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet()));
        }
        return names;
    }
}
