package io.entrasync.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Azurite (the Azure Storage emulator) installed from npm into a cache folder and run as a child process
 * on a free loopback port. Used by the tests and by the local demo; never in production.
 *
 * <p>It never outlives the JVM that started it: {@link #close()} stops it on a normal exit, a shutdown hook on Ctrl-C
 * and SIGTERM, and when the JVM dies without running hooks ({@code kill -9}, a crash) Azurite notices by itself: it is
 * started through a few lines of JavaScript ({@link #WATCH_PARENT}) that exit when its stdin, a pipe held by this
 * JVM, reaches end-of-file or when its parent process changes.
 */
public final class AzuriteProcess implements AutoCloseable {

    public static final String DEFAULT_VERSION = "3.37.0";
    private static final Logger LOG = Logger.getLogger(AzuriteProcess.class);
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /**
     * Run by {@code node -e} with Azurite's main script as {@code argv[1]}: watches the parent, then loads Azurite,
     * which reads its options from {@code process.argv} as if it had been started directly.
     */
    static final String WATCH_PARENT = """
            const parent = process.ppid;
            const stop = () => process.exit(0);
            process.stdin.on('end', stop); process.stdin.on('error', stop); process.stdin.resume();
            setInterval(() => { if (process.ppid !== parent) stop(); }, 1000).unref();
            require(require('path').resolve(process.argv[1]));""";

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private AzuriteProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stop, "azurite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Installs Azurite {@code version} under {@code cacheDir} when it is not there yet, then starts its blob
     * service in memory on a free port of 127.0.0.1 and waits until the port answers.
     */
    public static AzuriteProcess start(Path cacheDir, String version) {
        Path install = cacheDir.resolve(version);
        Path script = install.resolve("node_modules/azurite/dist/src/blob/main.js");
        String node = requireTool("node");
        if (!Files.exists(script)) {
            npmInstall(install, version);
        }
        int port = freePort();
        try {
            Path logFile = Files.createTempFile("azurite-", ".log");
            Process process = new ProcessBuilder(node, "-e", WATCH_PARENT, script.toString(),
                    "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port),
                    "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent",
                    // accepted by azurite-blob 3.37.0 (see its --help): no usage data leaves a test or demo run
                    "--disableTelemetry")
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            AzuriteProcess azurite = new AzuriteProcess(process, port, logFile);
            azurite.awaitPort(Duration.ofSeconds(60));
            LOG.infof("Azurite %s blob service on 127.0.0.1:%d (pid %d)", version, port, process.pid());
            return azurite;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Azurite: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=" + blobEndpoint() + ";";
    }

    /** Stops Azurite by PID: TERM, a short wait, then KILL if it is still there. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops Azurite
        }
        stop();
    }

    private void stop() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private void awaitPort(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with code " + process.exitValue()
                        + " before it listened; its output: " + Files.readString(logFile));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Azurite", e);
                }
            }
        }
        close();
        throw new IllegalStateException("Azurite did not listen on port " + port + " within " + timeout);
    }

    private static void npmInstall(Path install, String version) {
        String npm = requireTool("npm");
        try {
            Files.createDirectories(install);
            // Several JVMs (tests, demo) may install at once: one installs, the others wait on the lock.
            try (FileChannel channel = FileChannel.open(install.resolve(".install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.exists(install.resolve("node_modules/azurite/dist/src/blob/main.js"))) {
                    return;
                }
                LOG.infof("Installing Azurite %s from npm into %s (once)", version, install);
                Path log = install.resolve("npm-install.log");
                Process npmProcess = new ProcessBuilder(npm, "install", "--no-audit", "--no-fund",
                        "--no-save", "--prefix", install.toString(), "azurite@" + version)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!npmProcess.waitFor(10, TimeUnit.MINUTES) || npmProcess.exitValue() != 0) {
                    npmProcess.destroyForcibly();
                    throw new IllegalStateException("npm install azurite@" + version + " failed; see " + log
                            + ":\n" + Files.readString(log));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install Azurite into " + install + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing Azurite", e);
        }
    }

    /** Finds an executable on the PATH or fails with a message that says what to install. */
    static String requireTool(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator, -1)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("'" + name + "' was not found on the PATH. The local Azure Storage emulator"
                + " (Azurite) runs on Node.js: install Node.js 20 or newer with npm, then run again.");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
