package org.zstack.cp.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** What a ZStack client does: log in with the SHA-512 hex of the password, then call with {@code OAuth <session>}. */
public final class Api {
    private static String session;

    private Api() {
    }

    public static String adminPassword() {
        String fromEnv = System.getenv("ZSTACK_ADMIN_PASSWORD");
        return fromEnv != null ? fromEnv
                : ConfigProvider.getConfig().getOptionalValue("zstack.admin.password", String.class).orElse("password");
    }

    public static String sha512(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String login() {
        return logIn("admin", sha512(adminPassword())).then().statusCode(200).extract().path("inventory.uuid");
    }

    /** The body of LogInByAccount; {@code password} is what the client sends (ZStack's clients send its SHA-512). */
    public static Map<String, Object> loginBody(String accountName, String password) {
        return Map.of("logInByAccount", Map.of("accountName", accountName, "password", password));
    }

    /** LogInByAccount as sent; the answer is the test's to check. */
    public static Response logIn(String accountName, String password) {
        return RestAssured.given().contentType(ContentType.JSON).body(loginBody(accountName, password))
                .put("/zstack/v1/accounts/login");
    }

    /** A request with the session {@code session}. */
    public static RequestSpecification withSession(String session) {
        return RestAssured.given().header("Authorization", "OAuth " + session);
    }

    /** A request with an admin session, logging in once per test JVM. */
    public static RequestSpecification as() {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "OAuth " + sessionUuid());
    }

    /** The admin session of this test JVM. */
    public static synchronized String sessionUuid() {
        if (session == null) {
            session = login();
        }
        return session;
    }

    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
