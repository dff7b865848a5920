package org.zstack.cp.api.http;

import io.netty.channel.Channel;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;

/**
 * Puts an {@link HttpGuard} on every HTTP connection. Quarkus offers no hook for a connection as it opens (its
 * only connection handler counts connections for {@code quarkus.http.limits.max-connections}), so the guard is
 * attached to the listening Netty channel once the server listens. Clear-text HTTP/2 upgrade is off, so that
 * each connection's HTTP/1.x pipeline exists as soon as it opens; ZStack clients speak HTTP/1.1.
 */
@Singleton
public class HttpServerSetup implements HttpServerOptionsCustomizer {
    private static final Logger LOG = Logger.getLogger(HttpServerSetup.class);
    private final Vertx vertx;
    private final GuardSettings settings;

    public HttpServerSetup(Vertx vertx, HttpConfig config, ErrorBodies errorBodies,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                           MemorySize maxBodySize,
                           @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
                           int maxInitialLineLength,
                           @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K")
                           MemorySize maxHeaderSize) {
        this.vertx = vertx;
        this.settings = new GuardSettings(config.requestHeaderTimeout().toMillis(),
                config.requestBodyTimeout().toMillis(), maxBodySize.asLongValue(), maxInitialLineLength,
                maxHeaderSize.asLongValue(), errorBodies);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    void onStart(@ObservesAsync HttpServerStart start) {
        for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            Channel listening = listeningChannel(server);
            if (listening != null && listening.pipeline().get(AcceptedConnections.NAME) == null) {
                listening.pipeline().addFirst(AcceptedConnections.NAME, new AcceptedConnections(settings));
                LOG.debugf("request deadlines and HTTP error bodies on %s", listening.localAddress());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Channel listeningChannel(TCPServerBase server) {
        try {
            Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
            bound.setAccessible(true);
            Future<Channel> future = (Future<Channel>) bound.get(server);
            return future == null ? null : future.result();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.errorf("cannot reach the HTTP server's channel (%s); slow requests are not cut and errors of the "
                    + "HTTP codec have no ZStack body", e.toString());
            return null;
        }
    }
}
