package org.zstack.cp.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For tests of agent calls: before each test, a new {@link FakeAgent} and a host on it with a running VM. */
public abstract class RunningVmOnFakeAgent {
    protected FakeAgent agent;
    protected String host;
    protected String vm;

    @BeforeEach
    void runningVm() {
        agent = FakeAgent.start();
        host = Fixtures.addHost(agent);
        vm = Fixtures.createVm(host, "InstantStart");
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }
}
