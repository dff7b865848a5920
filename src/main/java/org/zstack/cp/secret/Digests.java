package org.zstack.cp.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lowercase hex digests of UTF-8 text. */
public final class Digests {
    private Digests() {
    }

    /** What ZStack clients send as a password. */
    public static String sha512Hex(String text) {
        return hex("SHA-512", text);
    }

    public static String sha256Hex(String text) {
        return hex("SHA-256", text);
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
