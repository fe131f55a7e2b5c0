package io.entrasync.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PEM text (RFC 7468) holding a certificate chain and one PKCS#8 private key ({@code PRIVATE KEY}, or
 * {@code ENCRYPTED PRIVATE KEY} with a password), in any order: the form OpenSSL and Key Vault's PEM certificates
 * use.
 */
final class PemCertificates {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\\s]{0,1000000}?)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private PemCertificates() {
    }

    static ClientCertificates.Material parse(String text, char[] password, String origin, String key) {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey privateKey = null;
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            byte[] der = decode(block.group(2), type, origin);
            switch (type) {
                case "CERTIFICATE" -> chain.add(certificate(der, origin));
                case "PRIVATE KEY" -> privateKey = privateKey(new PKCS8EncodedKeySpec(der), origin);
                case "ENCRYPTED PRIVATE KEY" -> privateKey = decrypt(der, password, origin, key);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException(origin + " holds a "
                        + type + " (PKCS#1/SEC 1), which is not read: convert it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem' or give a PKCS#12 (.pfx) instead");
                default -> {
                    // other blocks (parameters, a CSR) are not part of the client certificate
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(origin + " holds no CERTIFICATE block: give the client certificate "
                    + "(PEM) together with its private key");
        }
        if (privateKey == null) {
            throw new IllegalArgumentException(origin + " holds no private key, only certificates: mutual TLS needs "
                    + "the client certificate together with its PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        return new ClientCertificates.Material(privateKey, chain.toArray(X509Certificate[]::new));
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "entra-inbound-sync client certificate check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] decode(String base64, String type, String origin) {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": the " + type + " block is not valid Base64; copy the PEM "
                    + "text again, whole", e);
        }
    }

    private static X509Certificate certificate(byte[] der, String origin) {
        try {
            Certificate certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return (X509Certificate) certificate;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(origin + ": a CERTIFICATE block is not an X.509 certificate; copy "
                    + "the PEM text again, whole", e);
        }
    }

    private static PrivateKey privateKey(KeySpec spec, String origin) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // the PKCS#8 block names its algorithm; the factories that do not know it refuse it
            }
        }
        throw new IllegalArgumentException(origin + ": the PRIVATE KEY block is not an RSA, EC or EdDSA PKCS#8 "
                + "key this JVM can read");
    }

    private static PrivateKey decrypt(byte[] der, char[] password, String origin, String key) {
        if (password.length == 0) {
            throw new IllegalArgumentException(origin + ": the private key is encrypted and " + key
                    + "client-certificate-password is not set; set the key's password");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2 keys name their real scheme only in the parameters (e.g. PBEWithHmacSHA256AndAES_256)
            String scheme = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(scheme);
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)),
                    info.getAlgParameters());
            return privateKey(info.getKeySpec(cipher), origin);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(origin + ": the password in " + key + "client-certificate-password "
                    + "does not open the encrypted private key (or its scheme is not supported); set the right "
                    + "password or give an unencrypted PKCS#8 key from a Key Vault secret", e);
        }
    }
}
