package org.zstack.cp.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Hostile values: strings and JSON nodes of every kind, drawn from a seeded {@link Random}. */
final class Values {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Placeholders that {@link BodyMutator} replaces in the serialized bytes with what Jackson cannot write. */
    static final String DEEP = "@@FUZZ-DEEP@@";
    static final String BAD_UTF8 = "@@FUZZ-BAD-UTF8@@";
    static final String RAW_CONTROL = "@@FUZZ-RAW-CONTROL@@";

    private static final List<String> SHORT = List.of(
            "", " ", "   ", "  padded  ", "\t", "\n", "a\u0000b", "\u0000", "x\u0000",
            "'", "''", "\"", "%", "_", "\\", ";--", "%_%", "\\%", "' OR '1'='1", "'; DROP TABLE vm_instance; --",
            "1; SELECT pg_sleep(5)", "$1", ":name", "?", "*", "null", "undefined", "true", "0", "-1", "1e309", "NaN",
            "0x10", "65536", "99999999999999999999", "名前", "\u202Eevil\u202C", "مرحبا بالعالم", "\uD83D\uDE00",
            "\uD800", "\uDC00x", "e\u0301\u0301\u0301", "\u200B", "\uFEFF", "a\r\nX-Injected: 1", "\u0001\u001f\u007f",
            "%s%n%d", "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>", "../../etc/passwd",
            "::", "::x", "a::", "validationOnly", "VALIDATIONONLY", "KVM", "InstantStart", "Running", "enable",
            "127.0.0.1", "localhost", "-", "a.", ".a", "a..b", "256.1.1.1", "1.2.3", "host_name", "xn--bcher-kva");

    private final Random random;

    Values(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int between(int min, int maxInclusive) {
        return min + random.nextInt(maxInclusive - min + 1);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
    }

    /** A string that is not a ZStack UUID but looks close to one, or nothing like one. */
    String malformedUuid() {
        String u = uuid();
        return switch (random.nextInt(13)) {
            case 0 -> u.toUpperCase();
            case 1 -> new UUID(random.nextLong(), random.nextLong()).toString();
            case 2 -> u.substring(1);
            case 3 -> u + "0";
            case 4 -> u.substring(0, 31) + "g";
            case 5 -> u.substring(0, 16) + "\u0000" + u.substring(17);
            case 6 -> u.substring(0, 31) + "ä";
            case 7 -> " " + u;
            case 8 -> "' OR '1'='1";
            case 9 -> "%";
            case 10 -> "x".repeat(between(33, 300));
            case 11 -> "\uD83D\uDE00" + u.substring(2);
            default -> "null";
        };
    }

    /** A short hostile string, or a long one now and then. */
    String string() {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return pick(SHORT);
        }
        if (roll < 82) {
            return pick(SHORT) + pick(SHORT) + pick(SHORT);
        }
        if (roll < 97) {
            return longString(pick(List.of(32, 33, 255, 256, 2048, 2049, 4096, 4097, 9000)));
        }
        return hugeString();
    }

    /** Mostly 100 KB, one time in twenty 1 MB. */
    String hugeString() {
        return longString(chance(0.05) ? 1 << 20 : 100 * 1024);
    }

    String longString(int length) {
        String unit = pick(List.of("a", "é", "\uD83D\uDE00", "'", "%", "ab", " "));
        StringBuilder sb = new StringBuilder(length + 2);
        while (sb.length() < length) {
            sb.append(unit);
        }
        sb.setLength(length);
        if (Character.isHighSurrogate(sb.charAt(length - 1))) {
            sb.setCharAt(length - 1, 'z');
        }
        return sb.toString();
    }

    /** A JSON value of any type, hostile or merely unexpected. */
    JsonNode node() {
        return switch (random.nextInt(24)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.booleanNode(random.nextBoolean());
            case 2 -> JSON.numberNode(pick(List.of(0, -1, 1, 22, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE)));
            case 3 -> JSON.numberNode(pick(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 2147483648L)));
            case 4 -> JSON.numberNode(new BigInteger("123456789012345678901234567890"));
            case 5 -> JSON.numberNode(pick(List.of(1.5, -0.0, 1e308, 4.9e-324)));
            case 6 -> JSON.numberNode(new BigDecimal("1e400"));
            case 7 -> JSON.textNode(pick(List.of("1", "22", "-1", "1.5", "true", "false", "null", "[]", "{}")));
            case 8 -> JSON.arrayNode();
            case 9 -> JSON.arrayNode().add(string());
            case 10 -> JSON.arrayNode().addNull().add(1);
            case 11 -> JSON.objectNode();
            case 12 -> JSON.objectNode().put("a", 1);
            case 13 -> JSON.textNode(DEEP);
            case 14 -> JSON.textNode("x" + BAD_UTF8 + "y");
            case 15 -> JSON.textNode(RAW_CONTROL);
            case 16 -> JSON.textNode(malformedUuid());
            case 17 -> JSON.textNode(uuid());
            default -> JSON.textNode(string());
        };
    }

    /** A list of tags: mostly valid, sometimes broken in one element or as a whole. */
    JsonNode tags() {
        if (chance(0.15)) {
            return node();
        }
        ArrayNode tags = JSON.arrayNode();
        int n = between(0, 3);
        for (int i = 0; i < n; i++) {
            tags.add(chance(0.5) ? "fuzz::" + between(0, 20) : "fuzz-tag-" + between(0, 20));
        }
        if (chance(0.3)) {
            tags.add(chance(0.6) ? JSON.textNode(string()) : node());
        }
        if (chance(0.05)) {
            for (int i = 0; i < 300; i++) {
                tags.add("fuzz-many-" + i);
            }
        }
        return tags;
    }

    /** An object nested {@code depth} levels deep, built without recursion. */
    static String deep(int depth, boolean arrays) {
        StringBuilder sb = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append('1');
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? ']' : '}');
        }
        return sb.toString();
    }

    ObjectNode object() {
        return JSON.objectNode();
    }
}
