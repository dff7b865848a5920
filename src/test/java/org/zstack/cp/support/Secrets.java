package org.zstack.cp.support;

/** Passwords the tests send, distinctive enough to search for in responses, logs and tables. */
public final class Secrets {
    public static final String HOST_PASSWORD = "host-ssh-secret-91f3";

    private Secrets() {
    }
}
