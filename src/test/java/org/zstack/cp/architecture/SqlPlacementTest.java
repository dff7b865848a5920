package org.zstack.cp.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** SQL is written in repositories (and the generic helpers of db/) only; the schema in Flyway's migrations. */
class SqlPlacementTest {
    private static final Path MAIN = Path.of("src/main/java/org/zstack/cp");
    private static final Pattern SQL = Pattern.compile(
            "\"[^\"]*\\b(SELECT|INSERT INTO|UPDATE \\w+ (AS \\w+ )?SET|DELETE FROM|ON CONFLICT)\\b");

    @Test
    void sqlIsOnlyInRepositoriesAndThePersistencePackage() throws IOException {
        List<String> outside;
        try (Stream<Path> files = Files.walk(MAIN)) {
            outside = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().endsWith("Repository.java"))
                    .filter(f -> !f.startsWith(MAIN.resolve("db")))
                    .filter(SqlPlacementTest::holdsSql)
                    .map(Path::toString).sorted().toList();
        }
        assertThat(outside).as("main classes other than repositories that hold SQL").isEmpty();
    }

    @Test
    void theDatabaseSchemaIsOnlyInMigrations() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).filter(f -> contains(f,
                    Pattern.compile("\"[^\"]*\\b(CREATE|ALTER|DROP) (TABLE|INDEX)\\b"))).toList()).isEmpty();
        }
    }

    private static boolean holdsSql(Path file) {
        return contains(file, SQL);
    }

    private static boolean contains(Path file, Pattern pattern) {
        try {
            return pattern.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
