package org.zstack.cp.api;

import io.vertx.core.http.HttpClosedException;

import java.nio.channels.ClosedChannelException;

/** A client that hangs up is no failure of the service: it is logged at DEBUG, without a stack trace. */
final class ClientDisconnects {
    private ClientDisconnects() {
    }

    static boolean isDisconnect(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
