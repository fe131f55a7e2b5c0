package io.entrasync.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that removes secrets from text that came back from elsewhere (a token endpoint's error, an HR API's
 * error body, an exception message holding a URL) before it is logged, reported or raised. Token endpoints and HR APIs
 * are known to echo the request in their error text, so whatever they answer is scrubbed of:
 * <ul>
 * <li>the configured secrets themselves (client secret, password, API key), raw, URL-encoded, JSON- or
 *     string-escaped (<code>&#92;u002B</code>, {@code \/}, {@code \"}), HTML-escaped (<code>&amp;#43;</code>,
 *     <code>&amp;#x2B;</code>, <code>&amp;plus;</code>) in any mix ({@link EncodedForms}), Base64-encoded, and the
 *     Base64 of {@code id:secret} pairs as sent in a Basic header;</li>
 * <li>the user-info of URLs ({@code http://user:pass@host/} becomes {@code http://***@host/}), so a base URL
 *     carrying a password never reaches a message or a state blob;</li>
 * <li>values of secret-looking parameters in query strings, forms and JSON ({@code client_secret=},
 *     {@code password=}, {@code api_key=}, {@code "access_token": "..."}, ...);</li>
 * <li>bearer and basic credentials and JWTs.</li>
 * </ul>
 * Each is replaced by {@value #MASK}. {@link #PATTERNS} applies the pattern rules alone.
 */
public final class SecretScrubber {

    public static final String MASK = "***";
    /** Shorter values are not replaced literally: "abc" would mask ordinary words. */
    private static final int MIN_LITERAL = 4;
    private static final String NAMES = "client_secret|client_assertion|password|passwd|pwd|secret|api[_-]?key|apikey"
            + "|access_token|refresh_token|id_token|token|assertion|sig|signature|code_verifier|x-api-key|key";
    private static final Pattern PARAMETER = Pattern.compile("(?i)(?<![A-Za-z0-9_-])(" + NAMES
            + ")(=|%3D)([^&\\s\"',;<>]+)");
    private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\"(?:" + NAMES
            + ")\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");
    private static final Pattern HEADER_CREDENTIAL = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    /** A scheme, {@code ://} (also JSON-escaped as {@code :\/\/}), then user-info up to the last {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*:(?:\\\\*/){2})[^/?#\\s\"'<>]+@");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

    /** Scrubs by the pattern rules only (no configured secret known). */
    public static final SecretScrubber PATTERNS = new SecretScrubber(List.of(), List.of());

    /** Each configured secret in its raw and escaped forms. */
    private final List<Pattern> secrets;
    /** Base64 forms, matched as they are. */
    private final List<String> literals;

    private SecretScrubber(List<Pattern> secrets, List<String> literals) {
        this.secrets = secrets;
        this.literals = literals;
    }

    /**
     * A scrubber for these configured secrets ({@code null} and blank entries are skipped).
     *
     * @param secrets client secrets, passwords, API keys
     */
    public static SecretScrubber of(Collection<String> secrets) {
        List<String> kept = secrets.stream().filter(secret -> secret != null && secret.length() >= MIN_LITERAL)
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        List<String> literals = new ArrayList<>();
        for (String secret : kept) {
            literals.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        return new SecretScrubber(kept.stream().map(EncodedForms::of).toList(), longestFirst(literals));
    }

    /** {@link #of(Collection)} for a few secrets. */
    public static SecretScrubber of(String... secrets) {
        return of(Arrays.asList(secrets));
    }

    /** This scrubber plus the Base64 of {@code user:secret}, as sent in an HTTP Basic header. */
    public SecretScrubber withBasicPair(String user, String secret) {
        if (user == null || secret == null) {
            return this;
        }
        List<String> more = new ArrayList<>(literals);
        for (String pair : List.of(user + ":" + secret, URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
            more.add(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return new SecretScrubber(secrets, longestFirst(more));
    }

    /** This scrubber plus {@code more} secrets (a client certificate's password, say). */
    public SecretScrubber and(Collection<String> more) {
        SecretScrubber extra = of(more);
        if (extra.secrets.isEmpty()) {
            return this;
        }
        List<Pattern> allSecrets = new ArrayList<>(extra.secrets);
        allSecrets.addAll(secrets);
        List<String> allLiterals = new ArrayList<>(literals);
        allLiterals.addAll(extra.literals);
        return new SecretScrubber(List.copyOf(allSecrets), longestFirst(allLiterals));
    }

    private static List<String> longestFirst(List<String> literals) {
        return literals.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} without secrets; {@code null} stays {@code null}. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String scrubbed = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        for (Pattern secret : secrets) {
            scrubbed = secret.matcher(scrubbed).replaceAll(MASK);
        }
        for (String literal : literals) {
            scrubbed = scrubbed.replace(literal, MASK);
        }
        scrubbed = replaceGroup(PARAMETER.matcher(scrubbed), m -> m.group(1) + m.group(2) + MASK);
        scrubbed = replaceGroup(JSON_FIELD.matcher(scrubbed), m -> m.group(1) + MASK + m.group(3));
        scrubbed = replaceGroup(HEADER_CREDENTIAL.matcher(scrubbed), m -> m.group(1) + " " + MASK);
        scrubbed = JWT.matcher(scrubbed).replaceAll(MASK);
        return scrubbed;
    }

    /** A message scrubbed, for exceptions built from a caught one. */
    public String scrub(Throwable failure) {
        return scrub(Objects.toString(failure.getMessage(), failure.getClass().getSimpleName()));
    }

    private static String replaceGroup(Matcher matcher, Function<Matcher, String> replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
