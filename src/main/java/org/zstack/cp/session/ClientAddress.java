package org.zstack.cp.session;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address failed logins are counted against: the peer's, or the client's as forwarded by a trusted proxy when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on. An IPv6 address counts as its /64, which one client
 * usually holds whole.
 */
final class ClientAddress {
    static final int MAX_LENGTH = 128;
    private static final int PREFIX_BYTES = 8;

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        String host = peer == null ? null : peer.hostAddress();
        return host == null || host.isEmpty() ? "unknown" : normalize(host);
    }

    static String normalize(String host) {
        if (host.indexOf(':') < 0) {
            return host.length() > MAX_LENGTH ? host.substring(0, MAX_LENGTH) : host;
        }
        try {
            // a string with a colon is parsed as an IPv6 literal, never looked up
            InetAddress address = InetAddress.getByName(host.startsWith("[") ? host : "[" + host + "]");
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                for (int i = PREFIX_BYTES; i < bytes.length; i++) {
                    bytes[i] = 0;
                }
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return host.length() > MAX_LENGTH ? host.substring(0, MAX_LENGTH) : host;
        }
    }
}
