package org.zstack.cp.job;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Ties an API job to the trace of the request that submitted it: the request's span is named with the job's UUID,
 * and the job's work, on a Vert.x context of its own, runs in the request's trace context (see
 * {@link ApiJobs}), so that its statements and agent calls are children of that request. Without the OpenTelemetry
 * SDK, a no-op.
 */
final class JobTracing {
    static final AttributeKey<String> JOB_UUID = AttributeKey.stringKey("zstack.job.uuid");

    private JobTracing() {
    }

    /** Names the current request's span with the UUID of the job it submits. */
    static void submitting(String jobUuid) {
        Span.current().setAttribute(JOB_UUID, jobUuid);
    }
}
