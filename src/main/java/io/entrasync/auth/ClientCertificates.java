package io.entrasync.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Loads a client certificate for mutual TLS from a file or from an app setting's value (a Key Vault reference resolves
 * a Key Vault certificate to its Base64 PKCS#12, or to PEM text when the certificate was made with the PEM content
 * type), and checks it before any request: a key that opens, a private key present and matching the certificate, a
 * certificate valid now. Each problem is one sentence naming the setting and what to do; the password is never
 * printed.
 */
public final class ClientCertificates {

    /** Larger is no certificate: bounded memory whatever a setting points at. */
    private static final long MAX_BYTES = 1 << 20;
    private static final char[] STORE_PASSWORD = randomPassword();

    private ClientCertificates() {
    }

    /**
     * @param key the settings' common prefix, e.g. {@code sync.sources.adp.api.auth.}; messages name
     *            {@code client-certificate}, {@code client-certificate-file} and {@code client-certificate-password}
     * @param value the certificate itself: PEM text (certificate chain and a PKCS#8 private key) or Base64 PKCS#12
     * @param file a file holding PEM text or PKCS#12 (binary or Base64)
     * @param password the PKCS#12 password, or the password of an encrypted PEM private key
     * @param now when the certificate must be valid
     * @return empty when neither a value nor a file is set
     */
    public static Optional<ClientCertificate> load(String key, Optional<String> value, Optional<String> file,
            Optional<String> password, Instant now) {
        Optional<String> text = value.filter(v -> !v.isBlank());
        Optional<String> path = file.filter(f -> !f.isBlank());
        if (text.isPresent() && path.isPresent()) {
            throw new IllegalArgumentException(key + "client-certificate and " + key + "client-certificate-file are "
                    + "both set: keep one (the app setting or Key Vault reference, or the file)");
        }
        if (text.isEmpty() && path.isEmpty()) {
            if (password.filter(p -> !p.isEmpty()).isPresent()) {
                throw new IllegalArgumentException(key + "client-certificate-password is set without a certificate: "
                        + "set " + key + "client-certificate or " + key + "client-certificate-file");
            }
            return Optional.empty();
        }
        String origin = text.isPresent() ? key + "client-certificate" : key + "client-certificate-file ("
                + path.get() + ")";
        if (text.map(String::length).orElse(0) > MAX_BYTES) {
            throw new IllegalArgumentException(origin + " is longer than 1 MiB, which no certificate is; check the "
                    + "setting");
        }
        byte[] content = text.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> read(path.get(), origin));
        char[] pass = password.orElse("").toCharArray();
        Material material = parse(content, pass, origin, key);
        check(material, origin, now);
        // The password is scrubbed from whatever comes back; the certificate's text is never sent, so not echoed.
        List<String> secrets = password.filter(p -> !p.isEmpty()).map(List::of).orElse(List.of());
        return Optional.of(new ClientCertificate(origin, store(material), storePassword(), secrets));
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    record Material(PrivateKey key, X509Certificate[] chain) {
    }

    private static byte[] read(String file, String origin) {
        try {
            Path path = Path.of(file.trim());
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(origin + ": no such file; give the path of a PEM or PKCS#12 "
                        + "(.pfx/.p12) file readable by the app");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException(origin + ": the file is larger than 1 MiB, which no certificate "
                        + "is; check the path");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": cannot read the file (" + e.getClass().getSimpleName()
                    + "); check the path and that the app may read it", e);
        }
    }

    private static Material parse(byte[] content, char[] password, String origin, String key) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN")) {
            return PemCertificates.parse(text, password, origin, key);
        }
        byte[] pkcs12 = content;
        if (text.strip().matches("[A-Za-z0-9+/=\\s]+")) {
            try {
                pkcs12 = Base64.getMimeDecoder().decode(text.strip());
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException(origin + " is neither PEM text nor PKCS#12 (binary or Base64): "
                        + "give the certificate with its private key in one of these forms");
            }
        }
        return pkcs12(pkcs12, password, origin, key);
    }

    private static Material pkcs12(byte[] bytes, char[] password, String origin, String key) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage())
                    .contains("password")) {
                throw new IllegalArgumentException(origin + ": the password in " + key + "client-certificate-password"
                        + " does not open this PKCS#12 (wrong or missing password); set the password the "
                        + "certificate was exported with", e);
            }
            throw new IllegalArgumentException(origin + " is not a readable PKCS#12 (.pfx/.p12) or PEM certificate;"
                    + " export the certificate with its private key again", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(origin + ": this JVM cannot read PKCS#12 (" + e.getMessage() + ")", e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key found = store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (found instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                        return new Material(privateKey, toX509(chain));
                    }
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(origin + ": the password in " + key + "client-certificate-password "
                    + "does not open the private key; set the password the certificate was exported with", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(origin + ": the private key cannot be read (" + e.getMessage() + ")",
                    e);
        }
        throw new IllegalArgumentException(origin + " holds no private key, only certificates: mutual TLS needs the "
                + "client certificate together with its private key (export it \"with the private key\")");
    }

    static X509Certificate[] toX509(Certificate[] chain) {
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            x509[i] = (X509Certificate) chain[i];
        }
        return x509;
    }

    private static void check(Material material, String origin, Instant now) {
        X509Certificate leaf = material.chain()[0];
        String subject = leaf.getSubjectX500Principal().getName();
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException(origin + ": the client certificate (" + subject + ") expired on "
                    + leaf.getNotAfter().toInstant() + "; renew it with the HR vendor and update the setting", e);
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException(origin + ": the client certificate (" + subject + ") is valid only "
                    + "from " + leaf.getNotBefore().toInstant() + "; check the clock of this machine or the "
                    + "certificate", e);
        }
        if (!PemCertificates.matches(material.key(), leaf)) {
            throw new IllegalArgumentException(origin + ": the private key does not belong to the certificate ("
                    + subject + "); give the key the certificate was issued for");
        }
    }

    private static KeyStore store(Material material) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ClientCertificate.ALIAS, material.key(), storePassword(), material.chain());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the client certificate in memory: " + e.getMessage(), e);
        }
    }

    /** The in-memory store's password: random per process, never the configured one. */
    private static char[] storePassword() {
        return STORE_PASSWORD.clone();
    }
}
