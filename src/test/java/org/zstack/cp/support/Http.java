package org.zstack.cp.support;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Plain asynchronous HTTP for the concurrency tests, with a session of its own; answers checked by the contract. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String session = Api.login();

    public CompletableFuture<HttpResponse<String>> put(String path, String body) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                        .header("Authorization", "OAuth " + session)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(OpenApiContract::checked);
    }
}
