package org.zstack.cp.api;

import java.util.regex.Pattern;

/**
 * The rule every request tag follows, wherever it comes in. A system tag is ZStack's {@code token} or
 * {@code token::value} ({@code ha::NeverStop}, {@code resourceConfig::vm::vm.clock.track::guest},
 * {@code capability:snapshot}): the token is a letter followed by letters, digits, {@code _ - .} or single colons,
 * and the value, which may hold {@code ::} itself (an IPv6 address), is at least one character and has no control
 * character. So a placeholder of the API documents such as {@code <systemTags>} is no system tag. A user tag is free
 * text, as in ZStack, but has no control character and does not start with {@code ::}. Both are trimmed and 1 to
 * {@link #MAX_LENGTH} characters long.
 */
public final class TagForm {
    public static final int MAX_LENGTH = 2048;
    /** Unicode's control characters (Cc), written so that Java and ECMAScript (the OpenAPI document) read them alike. */
    private static final String CONTROLS = "\\x00-\\x1f\\x7f-\\x9f";
    /** The form of a system tag as a regular expression (also in the OpenAPI document). */
    public static final String SYSTEM_REGEX = "^[A-Za-z][A-Za-z0-9_.\\-]*(:[A-Za-z0-9_.\\-]+)*(::[^"
            + CONTROLS + "]+)?$";
    private static final Pattern SYSTEM = Pattern.compile(SYSTEM_REGEX);
    private static final Pattern CONTROL = Pattern.compile("[" + CONTROLS + "]");
    private static final int QUOTED_LENGTH = 80;

    private TagForm() {
    }

    /** The system tag, trimmed; SYS.1007 naming it unless it is of the form. */
    public static String systemTag(String tag) {
        String text = sized("systemTags", tag);
        if (!SYSTEM.matcher(text).matches()) {
            throw ApiException.invalidArgument("field [systemTags] holds the tag [" + quoted(text) + "], which is "
                    + "not of the form token or token::value (a token is a letter followed by letters, digits, "
                    + "'_', '-', '.' or single ':'; a value is not empty and has no control character)");
        }
        return text;
    }

    /** The user tag, trimmed; SYS.1007 naming it when it has a control character or starts with {@code ::}. */
    public static String userTag(String tag) {
        String text = sized("userTags", tag);
        if (CONTROL.matcher(text).find() || text.startsWith("::")) {
            throw ApiException.invalidArgument("field [userTags] holds the tag [" + quoted(text)
                    + "], which has a control character or starts with '::'");
        }
        return text;
    }

    private static String sized(String field, String tag) {
        String text = tag.trim();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw ApiException.invalidArgument("field [" + field + "] holds a tag of " + text.length()
                    + " characters (after trimming); a tag has 1 to " + MAX_LENGTH + " characters");
        }
        return text;
    }

    /** The tag as an error may show it: control characters escaped, and shortened. */
    private static String quoted(String tag) {
        String shown = tag.length() > QUOTED_LENGTH ? tag.substring(0, QUOTED_LENGTH) + "..." : tag;
        return CONTROL.matcher(shown).replaceAll(m -> String.format("\\\\u%04x", (int) m.group().charAt(0)));
    }
}
