package org.zstack.cp.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.wiremock.webhooks.Webhooks.webhook;

/**
 * A WireMock server playing an agent. It listens on every address, so hosts at 127.x.y.z reach it, and delayed
 * answers do not hold its threads, so that hundreds of calls can hang on it at once.
 */
public final class WireMockAgent {
    private WireMockAgent() {
    }

    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("0.0.0.0")
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8).containerThreads(64));
        server.start();
        return server;
    }

    /** A host whose agent is {@code server}, at a loopback address no other test uses. */
    public static String addHost(WireMockServer server) {
        return Fixtures.addHost(Fixtures.loopbackIp(), server.port());
    }

    /**
     * {@code path} behaves as the KVM agent's {@code AsyncUirHandler}: 400 "taskUuid missing in request header"
     * without {@code taskuuid}, else 200 with an empty body at once, and {@code reply} POSTed after
     * {@code delayMillis} to the request's {@code callbackurl} with its {@code taskuuid}.
     */
    public static void replyByCallback(WireMockServer server, String path, String reply, int delayMillis) {
        server.stubFor(post(path).withHeader("taskuuid", absent()).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("taskUuid missing in request header")));
        server.stubFor(post(path).withHeader("taskuuid", matching(".+")).atPriority(2)
                .willReturn(aResponse().withStatus(200))
                .withServeEventListener("webhook", webhook().withMethod(RequestMethod.POST)
                        .withUrl("{{originalRequest.headers.callbackurl}}")
                        .withHeader("taskuuid", "{{originalRequest.headers.taskuuid}}")
                        .withHeader("Content-Type", "application/json")
                        .withBody(reply).withFixedDelay(delayMillis)));
    }
}
