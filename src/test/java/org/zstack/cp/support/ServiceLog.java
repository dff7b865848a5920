package org.zstack.cp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The service's log in tests ({@code target/quarkus-test.log}, one JSON object a line), read from a mark on. */
public final class ServiceLog {
    private static final Path FILE = Path.of("target", "quarkus-test.log");
    private final long start;

    private ServiceLog(long start) {
        this.start = start;
    }

    /** The whole log of this test JVM so far. */
    public static String all() throws IOException {
        return Files.readString(FILE);
    }

    public static ServiceLog mark() throws IOException {
        return new ServiceLog(Files.exists(FILE) ? Files.size(FILE) : 0);
    }

    public List<String> lines() throws IOException {
        byte[] all = Files.readAllBytes(FILE);
        byte[] since = Arrays.copyOfRange(all, (int) Math.min(start, all.length), all.length);
        return new String(since, StandardCharsets.UTF_8).lines().toList();
    }

    public List<String> errors() throws IOException {
        return lines().stream().filter(l -> l.contains("\"level\":\"ERROR\"") || l.contains(" ERROR ")).toList();
    }

    /** Waits until a line holding {@code text} is logged after the mark. */
    public void await(String text, Duration bound) {
        Poll.until(bound, "logged: " + text, () -> {
            try {
                return lines().stream().anyMatch(l -> l.contains(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
