package org.zstack.cp.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.zstack.cp.api.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which {@code X-Web-Hook} URLs are accepted: absolute http or https URLs of a host allowed by the configuration. */
@ApplicationScoped
public class WebhookTargets {
    /** The length of {@code webhook_delivery.url}. */
    static final int MAX_LENGTH = 2048;
    private final Set<String> allowedHosts;

    @Inject
    public WebhookTargets(WebhookConfig config) {
        this(config.allowedHosts().orElse(List.of()));
    }

    WebhookTargets(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(WebhookTargets::normalized).collect(Collectors.toUnmodifiableSet());
    }

    /** Fails with SYS.1007 unless webhooks may be POSTed to {@code url}. */
    public void check(String url) {
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.invalidArgument("the webhook URL must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.invalidArgument("the webhook URL has no host");
        }
        // Credentials would be stored in clear text with the pending delivery.
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalidArgument("the webhook URL must not carry credentials");
        }
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(normalized(uri.getHost()))) {
            throw ApiException.invalidArgument("webhooks may not be sent to the host " + uri.getHost()
                    + " (zstack.webhook.allowed-hosts)");
        }
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.invalidArgument("the webhook URL is empty");
        }
        if (url.length() > MAX_LENGTH) {
            throw ApiException.invalidArgument("the webhook URL is longer than " + MAX_LENGTH + " characters");
        }
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidArgument("the webhook URL is not a valid URL");
        }
    }

    /** Lower case, IPv6 literals without their brackets. */
    private static String normalized(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
