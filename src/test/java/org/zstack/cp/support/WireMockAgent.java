package org.zstack.cp.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

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
}
