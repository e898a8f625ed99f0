package io.faultwatch.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret form of API tokens: {@code fwt_} and 64 hex digits (256 random bits). Only the SHA-256 of a
 * token is stored, so a leaked table does not leak tokens; the secret is shown once, when it is created.
 * A fast hash is enough: the tokens are random, not passwords, so there is nothing to guess from a hash.
 */
public final class ApiTokens {

    static final String PREFIX = "fwt_";
    /** Enough of the secret to tell tokens apart in a list, far too little to guess the rest. */
    static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 8;
    private static final Pattern FORMAT = Pattern.compile("fwt_[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + HexFormat.of().formatHex(secret);
    }

    /** What {@code api_tokens.token_hash} holds: the SHA-256 of the token's text, in hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String shownPrefix(String token) {
        return token.substring(0, SHOWN_PREFIX_LENGTH);
    }

    /** Whether {@code text} can be a token at all; anything else is refused without a query. */
    static boolean wellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }
}
