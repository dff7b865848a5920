package org.zstack.cp.support;

import org.hamcrest.Matcher;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.hamcrest.Matchers.matchesPattern;

/** ZStack's wire form of a date, e.g. {@code Nov 14, 2017 2:20:57 PM}. */
public final class ZStackDates {
    public static final String PATTERN = "[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} (AM|PM)";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US);

    private ZStackDates() {
    }

    /** A string in ZStack's date form. */
    public static Matcher<String> zstackDate() {
        return matchesPattern(PATTERN);
    }

    /** The date a ZStack date string names (to the second, as the wire carries it). */
    public static LocalDateTime parse(String date) {
        return LocalDateTime.parse(date, FORMAT);
    }
}
