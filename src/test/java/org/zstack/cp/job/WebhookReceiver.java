package org.zstack.cp.job;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock server receiving webhooks. */
final class WebhookReceiver implements AutoCloseable {
    private final WireMockServer server;

    private WebhookReceiver(WireMockServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        WireMockServer server = new WireMockServer(options().dynamicPort()
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8).containerThreads(32));
        server.start();
        return new WebhookReceiver(server);
    }

    String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** {@code path} answers 500, then resets the connection, then answers 404, then 200 from then on. */
    void failThreeTimesThenSucceed(String path) {
        String[] states = {Scenario.STARTED, "reset", "not found", "ok"};
        server.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(states[0])
                .willReturn(aResponse().withStatus(500).withBody("busy")).willSetStateTo(states[1]));
        server.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(states[1])
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo(states[2]));
        server.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(states[2])
                .willReturn(aResponse().withStatus(404)).willSetStateTo(states[3]));
        server.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(states[3])
                .willReturn(aResponse().withStatus(200).withBody("thanks")));
    }

    void answer(String path, int status, int delayMillis) {
        server.stubFor(post(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(status).withFixedDelay(delayMillis)));
    }

    List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
