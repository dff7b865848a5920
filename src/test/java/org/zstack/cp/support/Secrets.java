package org.zstack.cp.support;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords the tests send, distinctive enough to search for in responses, logs and tables. */
public final class Secrets {
    public static final String HOST_PASSWORD = "host-ssh-secret-91f3";

    private Secrets() {
    }

    /** None of {@code secrets} is in any of {@code answers}, in a row of the service's tables or in its log. */
    public static void assertNowhere(List<String> answers, List<String> secrets) throws IOException {
        String tables = Db.dumpAllTables();
        String log = ServiceLog.all();
        for (String secret : secrets) {
            assertThat(answers).noneMatch(a -> a.contains(secret));
            assertThat(tables).doesNotContain(secret);
            assertThat(log).doesNotContain(secret);
        }
    }
}
