package io.entrasync.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * TEST-ONLY key material, made fresh by the JDK's keytool in a temporary folder on every run (nothing is committed):
 * a server certificate for 127.0.0.1, a client certificate, an expired one and a second client. {@link #server}
 * starts a JDK HTTPS server that REQUIRES a client certificate it trusts (needClientAuth) and records the subject of
 * each one it saw.
 */
public final class TestTls {

    public static final String PASSWORD = "test-only-password";

    private final Path dir;
    public final List<String> clientSubjects = new CopyOnWriteArrayList<>();

    private TestTls(Path dir) {
        this.dir = dir;
    }

    /** Generates the key stores (about a second: four keytool runs). */
    public static TestTls create(Path dir) throws IOException, InterruptedException {
        TestTls tls = new TestTls(dir);
        tls.keytool("server", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
        tls.keytool("client", "CN=test-client", "-validity", "2");
        tls.keytool("other", "CN=other-client", "-validity", "2");
        tls.keytool("expired", "CN=expired-client", "-startdate", "-10d", "-validity", "1");
        return tls;
    }

    private void keytool(String name, String dname, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname,
                "-storetype", "PKCS12", "-keystore", p12(name).toString(), "-storepass", PASSWORD, "-keypass",
                PASSWORD));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    /** The PKCS#12 file of {@code name} (server, client, other, expired), under {@link #PASSWORD}. */
    public Path p12(String name) {
        return dir.resolve(name + ".p12");
    }

    public String base64(String name) throws IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(p12(name)));
    }

    /** The certificate of {@code name} as PEM text. */
    public String certificatePem(String name) throws IOException, GeneralSecurityException {
        return pem("CERTIFICATE", store(name).getCertificate(name).getEncoded());
    }

    /** The unencrypted PKCS#8 private key of {@code name} as PEM text. */
    public String keyPem(String name) throws IOException, GeneralSecurityException {
        Key key = store(name).getKey(name, PASSWORD.toCharArray());
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private KeyStore store(String name) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12(name))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** Trust managers that trust exactly the certificates of {@code names}. */
    public TrustManager[] trusting(String... names) throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore(names));
        return factory.getTrustManagers();
    }

    /** A key store holding exactly the certificates of {@code names}. */
    public KeyStore trustStore(String... names) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (String name : names) {
            trust.setCertificateEntry(name, store(name).getCertificate(name));
        }
        return trust;
    }

    /**
     * An HTTPS server on a free loopback port presenting the server certificate and requiring a client certificate
     * among {@code trustedClients}.
     */
    public HttpsServer server(HttpHandler handler, String... trustedClients) throws IOException,
            GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store("server"), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trusting(trustedClients), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            try {
                Certificate[] peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
                clientSubjects.add(((X509Certificate) peer[0]).getSubjectX500Principal().getName());
            } catch (SSLPeerUnverifiedException e) {
                clientSubjects.add("none");
            }
            handler.handle(exchange);
        });
        server.start();
        return server;
    }

    public static String url(HttpsServer server) {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }
}
