package org.zstack.cp.job;

import java.time.Instant;

/** One row of {@code api_job}, as a poll or a repeated submission reads it. */
record ApiJobRow(String uuid, String accountUuid, String requestHash, JobState state, Integer resultStatus,
                 String resultBody, Instant deadlineAt, Instant finishedAt) {

    boolean finished() {
        return state != JobState.Running;
    }
}
