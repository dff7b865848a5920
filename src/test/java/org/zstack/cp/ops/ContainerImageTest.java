package org.zstack.cp.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM image starts from an AOT cache made at image build on the image's own JDK 25, with the JVM options the
 * benchmark measures, and nothing in deploy/k8s replaces them.
 */
class ContainerImageTest {
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    private static final String BUILD = "-Dquarkus.package.jar.type=aot-jar -Dquarkus.package.jar.aot.enabled=true";

    @Test
    void theImageRunsOnJdk25WithTheCacheItsBuildTrained() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher base = Pattern.compile("(?m)^FROM \\S*?(\\d+)[-.]jre").matcher(dockerfile);
        assertThat(base.find()).as("a JRE base image").isTrue();
        assertThat(Integer.parseInt(base.group(1))).as("Leyden's AOT cache needs JDK 25").isGreaterThanOrEqualTo(25);

        String training = instruction(dockerfile, "RUN");
        assertThat(training).contains("-XX:AOTCacheOutput=/deployments/app.aot", "-Dquarkus.appcds.generate=true",
                "$JAVA_OPTS", "test -s /deployments/app.aot");
        String entrypoint = instruction(dockerfile, "ENTRYPOINT");
        assertThat(entrypoint).contains("-XX:AOTCache=/deployments/app.aot", "$JAVA_OPTS");
        assertThat(dockerfile).as("the header's build command").contains(BUILD);
    }

    @Test
    void theImageHasTheBenchmarksJvmOptions() throws IOException {
        String options = envValue(Files.readString(DOCKERFILE), "JAVA_OPTS");
        Matcher bench = Pattern.compile("JAVA_OPTS=\"\\$\\{JAVA_OPTS--([^}]*)}\"")
                .matcher(Files.readString(Path.of("bench/app-jvm.sh")));
        assertThat(bench.find()).as("the bench's default JAVA_OPTS (bench/app-jvm.sh)").isTrue();
        for (String flag : ("-" + bench.group(1)).split(" ")) {
            if (flag.startsWith("-Xmx")) {
                assertThat(options).as("the image sizes its heap from the memory limit").contains("MaxRAMPercentage");
            } else {
                assertThat(options).as("the image's JAVA_OPTS").contains(flag);
            }
        }
    }

    @Test
    void theManifestsLeaveTheImagesJvmOptionsAlone() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("deploy/k8s"))) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            for (Path file : yaml) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain("JAVA_OPTS:", "name: JAVA_OPTS\n", "JAVA_TOOL_OPTIONS", "-Xmx");
            }
        }
    }

    @Test
    void theDocumentedBuildIsTheImagesBuild() throws IOException {
        for (String doc : List.of("README.md", "deploy/k8s/README.md")) {
            String text = Files.readString(Path.of(doc));
            Matcher build = Pattern.compile("(?m)^(\\./mvnw package[^\\n]*)\\ndocker build -f src/main/docker/Dockerfile.jvm")
                    .matcher(text);
            assertThat(build.find()).as(doc + " builds the jar before the JVM image").isTrue();
            assertThat(build.group(1)).as(doc).contains(BUILD);
        }
    }

    private static String instruction(String dockerfile, String keyword) {
        Matcher m = Pattern.compile("(?ms)^" + keyword + " (.*?)(?<!\\\\)$").matcher(dockerfile);
        assertThat(m.find()).as("a " + keyword + " instruction").isTrue();
        return m.group(1);
    }

    private static String envValue(String dockerfile, String name) {
        Matcher m = Pattern.compile("(?m)^ENV " + name + "=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(m.find()).as("ENV " + name).isTrue();
        return m.group(1);
    }
}
