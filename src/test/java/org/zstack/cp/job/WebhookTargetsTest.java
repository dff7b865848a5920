package org.zstack.cp.job;

import org.junit.jupiter.api.Test;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which X-Web-Hook URLs are accepted: the rule alone (the API answers its SYS.1007 as every other one). */
class WebhookTargetsTest {
    private static final WebhookTargets ANY_HOST = new WebhookTargets(List.of());
    private static final WebhookTargets ALLOWED = new WebhookTargets(List.of(" hooks.example.com", "10.0.0.7 ",
            "::1", ""));

    private static ApiException refused(WebhookTargets targets, String url) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> targets.check(url));
        assertThat(e).as(url).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.code().code()).isEqualTo("SYS.1007");
        return e;
    }

    @Test
    void absoluteHttpAndHttpsUrlsAreAccepted() {
        for (String url : List.of("http://hooks.example.com/done", "HTTPS://receiver:8443/x?token=1",
                "http://10.1.2.3", "https://[::1]:9000/")) {
            assertThatCode(() -> ANY_HOST.check(url)).as(url).doesNotThrowAnyException();
        }
    }

    @Test
    void otherSchemesRelativeUrlsAndUrlsWithoutHostAreRefused() {
        for (String url : List.of("ftp://hooks.example.com/x", "file:///etc/passwd", "/zstack/hook",
                "hooks.example.com/x", "http:/no-host", "http://", "mailto:a@b.c", "http://exa mple.com/", "",
                "javascript:alert(1)")) {
            refused(ANY_HOST, url);
        }
        assertThat(refused(ANY_HOST, null).details()).contains("empty");
        String prefix = "http://hooks.example.com/";
        String longest = prefix + "x".repeat(WebhookTargets.MAX_LENGTH - prefix.length());
        assertThatCode(() -> ANY_HOST.check(longest)).doesNotThrowAnyException();
        assertThat(refused(ANY_HOST, longest + "x").details()).contains("longer than 2048");
    }

    @Test
    void credentialsInTheUrlAreRefusedSoThatTheyAreNeverStored() {
        assertThat(refused(ANY_HOST, "https://user:secret@hooks.example.com/x").details())
                .doesNotContain("secret");
    }

    @Test
    void onlyAllowedHostsAreAcceptedWhenTheyAreSet() {
        for (String url : List.of("https://hooks.example.com/x", "http://HOOKS.Example.com:8080/", "http://10.0.0.7/",
                "http://[::1]:8080/")) {
            assertThatCode(() -> ALLOWED.check(url)).as(url).doesNotThrowAnyException();
        }
        for (String url : List.of("https://evil.example.com/x", "https://hooks.example.com.evil.net/",
                "http://10.0.0.8/", "http://localhost/")) {
            assertThat(refused(ALLOWED, url).details()).contains("zstack.webhook.allowed-hosts");
        }
    }
}
