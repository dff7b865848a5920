package org.zstack.cp.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Hands out the image-store agent over HTTP, or the in-process simulator when {@code zstack.agent.simulator.enabled}. */
@ApplicationScoped
public class Agents {

    @Produces
    @ApplicationScoped
    ImageStoreAgent imageStoreAgent(AgentConfig config, HttpImageStoreAgent http, AgentSimulator simulator) {
        return config.simulator().enabled() ? simulator : http;
    }
}
