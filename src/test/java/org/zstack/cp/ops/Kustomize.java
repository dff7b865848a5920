package org.zstack.cp.ops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders deploy/k8s overlays with {@code kubectl kustomize} (CI installs kubectl; elsewhere tests skip without it). */
final class Kustomize {
    private static final Pattern SECRET_FILE = Pattern.compile("=(secrets/[\\w.-]+)");
    private static final Path DEPLOY = Path.of("deploy", "k8s");

    private Kustomize() {
    }

    /** What kubectl printed, and its exit code. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Renders a copy of deploy/k8s with placeholders in the secret files the overlay asks the user to write. */
    static List<HasMetadata> renderWithPlaceholderSecrets(String overlay) throws IOException, InterruptedException {
        Path copy = fresh("k8s-render");
        copyTree(DEPLOY, copy);
        Path overlayDir = copy.resolve("overlays").resolve(overlay);
        Matcher m = SECRET_FILE.matcher(Files.readString(overlayDir.resolve("kustomization.yaml")));
        while (m.find()) {
            Path file = overlayDir.resolve(m.group(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "placeholder-" + file.getFileName());
        }
        Result result = kustomize(overlayDir);
        assertThat(result.exitCode()).as("kubectl kustomize " + overlay + ": " + result.stderr()).isZero();
        return parse(result.stdout());
    }

    /** Renders the overlay from a copy of the files git tracks under deploy/k8s: what a fresh clone has. */
    static Result renderAsCloned(String overlay) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--", DEPLOY.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(git.waitFor() == 0 && !listing.isEmpty(), "not a git checkout");
        Path copy = fresh("k8s-clone");
        for (String tracked : listing.split("\0")) {
            Path source = Path.of(tracked);
            if (Files.isRegularFile(source)) { // tracked but deleted in the work tree: not in the next commit
                Path target = copy.resolve(DEPLOY.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
        return kustomize(copy.resolve("overlays").resolve(overlay));
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---$")) {
            if (!doc.isBlank()) {
                objects.add(Serialization.unmarshal(doc, HasMetadata.class));
            }
        }
        return objects;
    }

    static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> name == null || name.equals(o.getMetadata().getName())).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }

    /** Custom resources (CloudNativePG's) of one kind. */
    static List<GenericKubernetesResource> ofKind(List<HasMetadata> objects, String apiVersion, String kind) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(o -> apiVersion.equals(o.getApiVersion()) && kind.equals(o.getKind())).toList();
    }

    /** A value inside a custom resource, by its path of keys ("spec", "storage", "size"); null when absent. */
    static Object field(GenericKubernetesResource resource, String... path) {
        Object value = resource.getAdditionalProperties();
        for (String key : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }

    /** A map inside a custom resource (empty when absent). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(GenericKubernetesResource resource, String... path) {
        Object value = field(resource, path);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Result kustomize(Path overlayDir) throws IOException, InterruptedException {
        boolean haveKubectl;
        try {
            haveKubectl = new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
        } catch (IOException e) {
            haveKubectl = false;
        }
        if (!haveKubectl) {
            assertThat(System.getenv("CI")).as("kubectl is required in CI (.ci/run installs it)").isNull();
            Assumptions.abort("kubectl is not installed");
        }
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlayDir.toString())
                    .redirectError(err.toFile()).start();
            String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = kubectl.waitFor();
            return new Result(code, yaml, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Path fresh(String name) throws IOException {
        Path dir = Path.of("target", name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
