package org.zstack.cp.agent;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.zstack.cp.api.Password;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Makes an agent's text safe for a client or a log: every form of every secret its request carried (raw,
 * JSON-escaped, with its backslashes doubled as a Python repr shows it, URL-encoded, and those encodings of each
 * other) is masked, and the text is cut to {@link #MAX_LENGTH}.
 */
public final class Scrubber {
    static final int MAX_LENGTH = 1024;
    private static final Scrubber NO_SECRETS = new Scrubber(List.of());
    private static final List<UnaryOperator<String>> ENCODINGS = List.of(
            Scrubber::json,
            text -> text.replace("\\", "\\\\"),
            text -> URLEncoder.encode(text, StandardCharsets.UTF_8),
            text -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
    private final List<String> forms;

    private Scrubber(List<String> forms) {
        this.forms = forms;
    }

    public static Scrubber noSecrets() {
        return NO_SECRETS;
    }

    public static Scrubber of(String... secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            forms.add(secret);
            for (UnaryOperator<String> outer : ENCODINGS) {
                forms.add(outer.apply(secret));
                for (UnaryOperator<String> inner : ENCODINGS) {
                    forms.add(outer.apply(inner.apply(secret)));
                }
            }
        }
        // Longest first, so that no shorter form masks part of a longer one and leaves the rest.
        return new Scrubber(forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String safe = text;
        for (String form : forms) {
            safe = safe.replace(form, Password.MASK);
        }
        if (safe.length() <= MAX_LENGTH) {
            return safe;
        }
        return safe.substring(0, MAX_LENGTH) + "... (cut: " + (safe.length() - MAX_LENGTH) + " more characters)";
    }

    private static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
