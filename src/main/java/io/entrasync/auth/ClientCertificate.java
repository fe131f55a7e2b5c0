package io.entrasync.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A client certificate and its private key for mutual TLS (ADP Workforce Now wants one on the token call and on every
 * API call), loaded and checked by {@link ClientCertificates}. Held as an in-memory key store under a password of its
 * own, never the configured one. Nothing secret appears in {@link #toString()}.
 *
 * @param key the setting it came from, for messages ({@code sync.sources.adp.api.auth.client-certificate})
 * @param keyStore one private-key entry ({@link #ALIAS}) with its certificate chain
 * @param storePassword the in-memory store's own password
 * @param secrets the configured texts that must never be echoed (the password)
 */
public record ClientCertificate(String key, KeyStore keyStore, char[] storePassword, List<String> secrets) {

    /** The alias of the one key entry. */
    public static final String ALIAS = "client";

    public ClientCertificate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(storePassword, "storePassword");
        secrets = List.copyOf(secrets);
    }

    /** The certificate presented to the server. */
    public X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(key + ": the loaded client certificate cannot be read back", e);
        }
    }

    /** Key managers that present this certificate when a server asks for one. */
    public KeyManager[] keyManagers() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, storePassword);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(key + ": the client certificate cannot be used for TLS ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * A TLS context presenting this certificate.
     *
     * @param trust the servers trusted; null for the JVM's default trust store (public CAs)
     */
    public SSLContext sslContext(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(key + ": cannot set up TLS with the client certificate ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The key store as PKCS#12 bytes under {@link #storePassword()} (for clients that take a key store's bytes). */
    public byte[] pkcs12() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keyStore.store(out, storePassword);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(key + ": the loaded client certificate cannot be written as PKCS#12", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientCertificate c && key.equals(c.key) && certificate().equals(c.certificate());
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, certificate());
    }

    @Override
    public String toString() {
        return "ClientCertificate[key=" + key + ", subject=" + certificate().getSubjectX500Principal().getName()
                + ", notAfter=" + certificate().getNotAfter().toInstant() + "]";
    }
}
