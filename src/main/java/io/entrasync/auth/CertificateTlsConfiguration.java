package io.entrasync.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

import io.quarkus.tls.BaseTlsConfiguration;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;

/**
 * A client certificate as a Quarkus TLS registry configuration, registered at run time under a name of its own so
 * that quarkus-oidc-client presents it on the token call ({@code tls-configuration-name}, Quarkus "TLS registry
 * reference": "the TLS registry lets you register a TLS configuration programmatically").
 */
final class CertificateTlsConfiguration extends BaseTlsConfiguration {

    private final ClientCertificate certificate;
    private final Optional<KeyStore> trust;

    /** @param trust the token servers trusted; empty for the JVM's default trust (public CAs) */
    CertificateTlsConfiguration(ClientCertificate certificate, Optional<KeyStore> trust) {
        this.certificate = certificate;
        this.trust = trust;
    }

    @Override
    public KeyStore getKeyStore() {
        return certificate.keyStore();
    }

    @Override
    public KeyCertOptions getKeyStoreOptions() {
        return new KeyStoreOptions().setType("PKCS12").setValue(Buffer.buffer(certificate.pkcs12()))
                .setPassword(new String(certificate.storePassword()));
    }

    @Override
    public KeyStore getTrustStore() {
        return trust.orElse(null);
    }

    @Override
    public TrustOptions getTrustStoreOptions() {
        if (trust.isEmpty()) {
            return null;
        }
        try {
            char[] password = certificate.storePassword();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            trust.get().store(out, password);
            return new KeyStoreOptions().setType("PKCS12").setValue(Buffer.buffer(out.toByteArray()))
                    .setPassword(new String(password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hand the trusted certificates to the token client", e);
        }
    }

    @Override
    public SSLOptions getSSLOptions() {
        return new SSLOptions();
    }
}
