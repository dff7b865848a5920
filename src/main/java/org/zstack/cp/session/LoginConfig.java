package org.zstack.cp.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Failed-login limits ({@code 0} turns a limit off); the bound on password hashing is {@code secret.HashingConfig}. */
@ConfigMapping(prefix = "zstack.login")
public interface LoginConfig {
    /** Failures allowed per (account name, client address) in a window. */
    @WithDefault("5")
    int maxFailures();

    /** Failures allowed per client address in a window, whatever the account. */
    @WithDefault("20")
    int maxFailuresPerAddress();

    /** Failures allowed per account name in a window, from all addresses together. */
    @WithDefault("100")
    int maxFailuresPerAccount();

    /** How long failures are counted from the first one. */
    @WithDefault("5m")
    Duration failureWindow();

    /** How long a key stays locked after the failure that reached its limit. */
    @WithDefault("5m")
    Duration lockout();
}
