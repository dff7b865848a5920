package org.zstack.cp.support;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** For tests of agent calls: a {@link FakeAgent} for the class and, before each test, a host on it with a VM. */
public abstract class RunningVmOnFakeAgent {
    @RegisterExtension
    protected static final FakeAgent AGENT = FakeAgent.perClass();
    protected String host;
    protected String vm;

    @BeforeEach
    void runningVm() {
        host = Fixtures.addHost(AGENT);
        vm = Fixtures.createVm(host, "InstantStart");
    }
}
