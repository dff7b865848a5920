package org.zstack.cp.ops;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.zstack.cp.support.OpenApiContract;
import org.zstack.cp.support.PackagedApp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas started at once on one empty database: both come up, and Flyway migrates the schema once. A replica
 * started later finds the admin account and takes no password hash to start.
 */
class ConcurrentStartIT {

    @Test
    void twoInstancesStartTogetherAndMigrateOnce() throws Exception {
        try (GenericContainer<?> pg = PackagedApp.postgres();
             PackagedApp first = PackagedApp.start(pg, "replica-1");
             PackagedApp second = PackagedApp.start(pg, "replica-2")) {
            first.awaitReady(Duration.ofMinutes(2));
            second.awaitReady(Duration.ofMinutes(2));

            Map<String, Integer> applied = new HashMap<>();
            try (Connection db = DriverManager.getConnection(PackagedApp.jdbcUrl(pg), "zstack", "zstack");
                 ResultSet rows = db.createStatement().executeQuery(
                         "SELECT version, count(*) FROM flyway_schema_history WHERE success GROUP BY version")) {
                while (rows.next()) {
                    applied.put(rows.getString(1), rows.getInt(2));
                }
                try (ResultSet admins = db.createStatement().executeQuery(
                        "SELECT count(*) FROM account WHERE name = 'admin'")) {
                    admins.next();
                    assertThat(admins.getInt(1)).isEqualTo(1);
                }
            }
            assertThat(applied).containsOnlyKeys(migrationVersions()).allSatisfy((version, times) ->
                    assertThat(times).as("migration " + version).isEqualTo(1));

            String session = first.login();
            HttpResponse<String> fromSecond = OpenApiContract.checked(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(second.baseUrl() + "/zstack/v1/hosts"))
                    .header("Authorization", "OAuth " + session).build(), HttpResponse.BodyHandlers.ofString()));
            assertThat(fromSecond.statusCode())
                    .as("a session from one replica works on the other: " + fromSecond.body()).isEqualTo(200);

            try (PackagedApp third = PackagedApp.start(pg, "replica-3")) {
                third.awaitReady(Duration.ofMinutes(2));
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(third.baseUrl() + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).as("a start that finds the admin account hashes nothing")
                        .containsPattern("(?m)^zstack_password_hashes_total(\\{[^}]*\\})? 0\\.0$");
            }
        }
    }

    /** The versions of the migrations in the source tree ("1" for V1__foundation.sql, ...). */
    private static String[] migrationVersions() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .toArray(String[]::new);
        }
    }
}
