package org.zstack.cp.secret;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.OptionalInt;

/** The bound on password hashing, set beside the failed-login limits. */
@ConfigMapping(prefix = "zstack.login")
public interface HashingConfig {
    /** Password hashes and checks that run at once on a replica; by default half the cores, at least one. */
    OptionalInt hashConcurrency();

    /** Password checks that may wait for a hashing thread; more are refused with 429. */
    @WithDefault("8")
    int hashQueue();
}
