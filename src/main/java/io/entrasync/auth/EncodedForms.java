package io.entrasync.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One regular expression per configured secret that matches it in the text forms a server may echo it in, character
 * by character, so that mixed forms match too:
 * <ul>
 * <li>raw;</li>
 * <li>URL-encoded ({@code %2B}, either case, {@code +} for a space);</li>
 * <li>JSON and string-literal escapes: <code>&#92;u002B</code> or <code>&#92;u002b</code> for any character
 *     (.NET's System.Text.Json escapes {@code +}, {@code <}, {@code >}, <code>&amp;</code>, {@code '} and all
 *     non-ASCII this way; Python's {@code json.dumps} escapes non-ASCII as <code>&#92;u00f6</code>), surrogate pairs
 *     for characters past U+FFFF, <code>&#92;x2B</code>, and a backslash before any ASCII punctuation (PHP's
 *     {@code \/}, Python's {@code \"}); one to eight backslashes, so JSON kept inside JSON strings (up to three
 *     levels) matches too;</li>
 * <li>HTML character references: <code>&amp;#43;</code>, <code>&amp;#x2B;</code> (any case, leading zeros, with
 *     or without {@code ;}) and the named entities of ASCII punctuation and Latin-1 (<code>&amp;amp;</code>,
 *     <code>&amp;quot;</code>, <code>&amp;plus;</code>, <code>&amp;ouml;</code>, ...).</li>
 * </ul>
 */
final class EncodedForms {

    /** HTML 4 Latin-1 entity names, U+00A0 to U+00FF in order. */
    private static final String[] LATIN1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy"
            + " reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest"
            + " Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml"
            + " ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig"
            + " agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml"
            + " eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml")
            .split(" ");
    /** HTML 5 names of ASCII characters (the WHATWG named character references), more than one for some. */
    private static final Map<Character, String> ASCII_NAMES = Map.ofEntries(Map.entry('&', "amp"),
            Map.entry('<', "lt"), Map.entry('>', "gt"), Map.entry('"', "quot"), Map.entry('\'', "apos"),
            Map.entry('+', "plus"), Map.entry('/', "sol"), Map.entry('!', "excl"), Map.entry('#', "num"),
            Map.entry('$', "dollar"), Map.entry('%', "percnt"), Map.entry('(', "lpar"), Map.entry(')', "rpar"),
            Map.entry('*', "ast|midast"), Map.entry(',', "comma"), Map.entry('.', "period"), Map.entry(':', "colon"),
            Map.entry(';', "semi"), Map.entry('=', "equals"), Map.entry('?', "quest"), Map.entry('@', "commat"),
            Map.entry('[', "lsqb|lbrack"), Map.entry('\\', "bsol"), Map.entry(']', "rsqb|rbrack"),
            Map.entry('^', "Hat"), Map.entry('_', "lowbar|UnderBar"), Map.entry('`', "grave|DiacriticalGrave"),
            Map.entry('{', "lcub|lbrace"), Map.entry('|', "verbar|vert|VerticalLine"),
            Map.entry('}', "rcub|rbrace"), Map.entry('\t', "Tab"), Map.entry('\n', "NewLine"));

    /**
     * One to eight backslashes: JSON kept inside a JSON string doubles them at each level (1, 2, 4, 8). Bounded, like
     * {@link #ZEROS}, so that a long run of them in a hostile body costs linear time, not quadratic.
     */
    private static final String BACKSLASHES = "\\\\{1,8}";
    /** Leading zeros of a numeric reference or hex escape, at most eight. */
    private static final String ZEROS = "0{0,8}";

    private EncodedForms() {
    }

    /** The pattern matching {@code secret} in any of the forms above, in any mix. */
    static Pattern of(String secret) {
        StringBuilder regex = new StringBuilder();
        secret.codePoints().forEach(codePoint -> regex.append(anyFormOf(codePoint)));
        return Pattern.compile(regex.toString());
    }

    private static String anyFormOf(int codePoint) {
        String text = new String(Character.toChars(codePoint));
        StringBuilder forms = new StringBuilder("(?:").append(Pattern.quote(text));
        forms.append("|(?i:").append(percentEncoded(text)).append(')');
        if (codePoint == ' ') {
            forms.append("|\\+");
        }
        forms.append("|(?i:" + BACKSLASHES + "u").append(hex(text.charAt(0)));
        for (int i = 1; i < text.length(); i++) {
            forms.append(BACKSLASHES + "u").append(hex(text.charAt(i)));
        }
        forms.append(')');
        if (codePoint < 0x100) {
            forms.append("|(?i:" + BACKSLASHES + "x" + ZEROS).append(Integer.toHexString(codePoint)).append(')');
        }
        if (!Character.isLetterOrDigit(codePoint) && codePoint < 0x80) {
            forms.append("|" + BACKSLASHES).append(Pattern.quote(text));
        }
        forms.append("|&#" + ZEROS).append(codePoint).append(";?|(?i:&#x" + ZEROS)
                .append(Integer.toHexString(codePoint)).append(";?)");
        String names = entityNames(codePoint);
        if (names != null) {
            forms.append("|&(?:").append(names).append(");");
        }
        return forms.append(')').toString();
    }

    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(String.format(Locale.ROOT, "%02x", b & 0xFF));
        }
        return encoded.toString();
    }

    private static String hex(char unit) {
        return String.format(Locale.ROOT, "%04x", (int) unit);
    }

    private static String entityNames(int codePoint) {
        if (codePoint >= 0xA0 && codePoint <= 0xFF) {
            return LATIN1[codePoint - 0xA0];
        }
        return codePoint < 0x80 ? ASCII_NAMES.get((char) codePoint) : null;
    }
}
