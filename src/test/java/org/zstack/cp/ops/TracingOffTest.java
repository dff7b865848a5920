package org.zstack.cp.ops;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside {@link TracingTest}'s profile, as in prod by default, the SDK is off and that test's exporter is absent. */
@QuarkusTest
class TracingOffTest {

    @Test
    void theSdkIsOffAndTheInMemoryExporterIsNotABean() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
        assertThat(Arc.container().select(InMemorySpanExporter.class).isResolvable()).isFalse();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
}
