package org.zstack.cp.job;

import java.time.Duration;
import java.time.Instant;

/**
 * What a replica knows of a job it runs: whose it is, which request it is (method, path and the hash of both with
 * the body), its deadline, and how its end is to be written and told.
 */
record RunningJob(String uuid, String accountUuid, String requestLine, String requestHash, Duration timeout,
                  Instant deadline, boolean withSchema, String webHook) {
}
