package org.zstack.cp.ops;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.zstack.cp.support.SimulatedAgents;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's walk-through, exactly as written there, run twice in a row against one instance. */
@QuarkusTest
@TestProfile(SimulatedAgents.class)
class ReadmeWalkthroughTest {
    private static final long RUN_SECONDS = 120;

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "zstack.admin.password")
    String adminPassword;

    @Test
    void theWalkthroughSucceedsTwiceInARow() throws Exception {
        String script = walkthrough();
        for (int run = 1; run <= 2; run++) {
            File output = File.createTempFile("walkthrough", ".log");
            ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                    .redirectOutput(output);
            bash.environment().put("ZSTACK", root.toString().replaceAll("/$", ""));
            bash.environment().put("ZSTACK_ADMIN_PASSWORD", adminPassword);
            Process process = bash.start();
            boolean ended = process.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output.toPath());
            assertThat(ended).as("run %d ended within %d s; it printed:%n%s", run, RUN_SECONDS, printed).isTrue();
            assertThat(process.exitValue()).as("run %d's exit status; it printed:%n%s", run, printed).isZero();
            assertThat(printed).as("run %d", run).doesNotContain("\"error\"");
        }
    }

    /** The README's script: the bash block that starts with a shebang. */
    private static String walkthrough() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("#!/usr/bin/env bash");
        assertThat(start).as("README.md has the walk-through script").isPositive();
        assertThat(lines.get(start - 1)).isEqualTo("```bash");
        int end = lines.subList(start, lines.size()).indexOf("```") + start;
        return String.join("\n", lines.subList(start, end)) + "\n";
    }
}
