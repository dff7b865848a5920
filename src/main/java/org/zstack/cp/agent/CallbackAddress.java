package org.zstack.cp.agent;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.Collections;
import java.util.Comparator;

/** This replica's own address, as agents reach it: the {@code callbackurl} it sends, and its base URL. */
@ApplicationScoped
class CallbackAddress {
    static final String CALLBACK_PATH = "/zstack/asyncrest/callback";
    private final URI base;

    CallbackAddress(AgentConfig config, @ConfigProperty(name = "quarkus.http.port") int port) {
        String url = config.callbackBaseUrl().filter(u -> !u.isBlank())
                .orElseGet(() -> "http://" + ownAddress() + ":" + port);
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    URI base() {
        return base;
    }

    String callbackUrl() {
        return base + CALLBACK_PATH;
    }

    /** The first non-loopback address of an interface that is up, IPv4 first; else localhost. */
    private static String ownAddress() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(CallbackAddress::isUp)
                    .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .min(Comparator.comparing((InetAddress a) -> a instanceof Inet4Address ? 0 : 1))
                    .map(a -> a instanceof Inet4Address ? a.getHostAddress() : "[" + a.getHostAddress() + "]")
                    .orElse("localhost");
        } catch (SocketException e) {
            return "localhost";
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
