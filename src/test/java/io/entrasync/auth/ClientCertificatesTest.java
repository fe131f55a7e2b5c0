package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.entrasync.support.TestTls;

/** Loading a mutual-TLS client certificate from each form an admin gives it in, and each mistake as a sentence. */
class ClientCertificatesTest {

    private static final String KEY = "sync.sources.adp.api.auth.";

    @TempDir
    static Path dir;
    static TestTls tls;

    @BeforeAll
    static void keys() throws Exception {
        tls = TestTls.create(dir);
    }

    private static ClientCertificate load(Optional<String> value, Optional<String> file, String password) {
        return ClientCertificates.load(KEY, value, file, Optional.ofNullable(password), Instant.now()).orElseThrow();
    }

    @Test
    void readsAPkcs12FileWithItsPassword() {
        ClientCertificate certificate = load(Optional.empty(), Optional.of(tls.p12("client").toString()),
                TestTls.PASSWORD);

        assertThat(certificate.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=test-client");
        assertThat(certificate.key()).isEqualTo(KEY + "client-certificate-file (" + tls.p12("client") + ")");
        assertThat(certificate.toString()).doesNotContain(TestTls.PASSWORD);
    }

    @Test
    void readsBase64Pkcs12AsAKeyVaultReferenceResolvesIt() throws Exception {
        ClientCertificate certificate = load(Optional.of(tls.base64("client")), Optional.empty(), TestTls.PASSWORD);

        assertThat(certificate.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=test-client");
        assertThat(certificate.keyManagers()).isNotEmpty();
    }

    @Test
    void readsPemTextWithTheKeyBeforeOrAfterTheCertificate() throws Exception {
        String keyFirst = tls.keyPem("client") + tls.certificatePem("client");
        String certificateFirst = tls.certificatePem("client") + tls.keyPem("client");

        assertThat(load(Optional.of(keyFirst), Optional.empty(), null).certificate().getSubjectX500Principal()
                .getName()).isEqualTo("CN=test-client");
        assertThat(load(Optional.of(certificateFirst), Optional.empty(), null).certificate()
                .getSubjectX500Principal().getName()).isEqualTo("CN=test-client");
    }

    @Test
    void aPemFileWorksLikeTheValue() throws Exception {
        Path pem = dir.resolve("client.pem");
        Files.writeString(pem, tls.certificatePem("client") + tls.keyPem("client"));

        assertThat(load(Optional.empty(), Optional.of(pem.toString()), null).certificate().getSubjectX500Principal()
                .getName()).isEqualTo("CN=test-client");
    }

    @Test
    void aWrongPasswordNamesThePasswordSettingWithoutPrintingIt() throws Exception {
        String wrong = "not-the-password-123";
        assertThatThrownBy(() -> load(Optional.of(tls.base64("client")), Optional.empty(), wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(KEY + "client-certificate: the password in " + KEY
                        + "client-certificate-password does not open this PKCS#12")
                .message().doesNotContain(wrong).doesNotContain(TestTls.PASSWORD);
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedSayingWhatIsMissing() throws Exception {
        assertThatThrownBy(() -> load(Optional.of(tls.certificatePem("client")), Optional.empty(), null))
                .hasMessage(KEY + "client-certificate holds no private key, only certificates: mutual TLS needs the "
                        + "client certificate together with its PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDate() {
        assertThatThrownBy(() -> load(Optional.empty(), Optional.of(tls.p12("expired").toString()),
                TestTls.PASSWORD))
                .hasMessageContaining("the client certificate (CN=expired-client) expired on ")
                .hasMessageContaining("renew it");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        String mixed = tls.certificatePem("client") + tls.keyPem("other");

        assertThatThrownBy(() -> load(Optional.of(mixed), Optional.empty(), null))
                .hasMessage(KEY + "client-certificate: the private key does not belong to the certificate "
                        + "(CN=test-client); give the key the certificate was issued for");
    }

    @Test
    void aPkcs1KeySaysHowToConvertIt() throws Exception {
        String pkcs1 = tls.certificatePem("client") + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> load(Optional.of(pkcs1), Optional.empty(), null))
                .hasMessageContaining("holds a RSA PRIVATE KEY (PKCS#1/SEC 1), which is not read")
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void textThatIsNoCertificateAndAMissingFileAreSentences() {
        assertThatThrownBy(() -> load(Optional.of("hello, world!"), Optional.empty(), null))
                .hasMessageStartingWith(KEY + "client-certificate is not a readable PKCS#12");
        assertThatThrownBy(() -> load(Optional.empty(), Optional.of(dir.resolve("nope.pfx").toString()), null))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> load(Optional.of("x"), Optional.of("y"), null))
                .hasMessageContaining("are both set");
    }

    @Test
    void thePasswordIsScrubbed() throws Exception {
        ClientCertificate certificate = load(Optional.of(tls.base64("client")), Optional.empty(), TestTls.PASSWORD);

        SecretScrubber scrubber = SecretScrubber.PATTERNS.and(certificate.secrets());

        assertThat(scrubber.scrub("echo: " + TestTls.PASSWORD + " / "
                + java.net.URLEncoder.encode(TestTls.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("echo: *** / ***");
    }
}
