package org.zstack.cp.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Hands out the HTTP agents, or the simulator when {@code zstack.agent.simulator.enabled} is true. */
@ApplicationScoped
public class Agents {

    @Produces
    @ApplicationScoped
    KvmAgent kvmAgent(AgentConfig config, HttpKvmAgent http, AgentSimulator simulator) {
        return config.simulator().enabled() ? simulator : http;
    }

    @Produces
    @ApplicationScoped
    ImageStoreAgent imageStoreAgent(AgentConfig config, HttpImageStoreAgent http, AgentSimulator simulator) {
        return config.simulator().enabled() ? simulator : http;
    }
}
