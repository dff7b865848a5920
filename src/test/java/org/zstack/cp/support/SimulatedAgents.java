package org.zstack.cp.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The test profile of dev mode's agents: the in-process simulators answer every agent call. */
public class SimulatedAgents implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("zstack.agent.simulator.enabled", "true");
    }
}
