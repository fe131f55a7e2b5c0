package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;

import io.entrasync.local.AzuriteProcess;
import io.entrasync.source.ExtractException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The CLI's one top-level handler: a sentence and a documented exit code, the trace only with --verbose. */
class FailureHandlerTest {

    @Command(name = "boom")
    static class Boom implements Callable<Integer> {
        @Option(names = FailureHandler.VERBOSE)
        boolean verbose;

        RuntimeException failure = new IllegalStateException("the flux capacitor is empty");

        @Override
        public Integer call() {
            throw failure;
        }
    }

    @Test
    void anUnexpectedFailureIsOneSentenceAndExitCode1WithoutATrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = CommandLineProducer.configure(new CommandLine(new Boom())).setErr(new PrintWriter(err));

        int code = cli.execute();

        assertThat(code).isEqualTo(FailureHandler.UNEXPECTED);
        assertThat(err.toString()).contains("Failed: IllegalStateException: the flux capacitor is empty")
                .contains("--verbose").doesNotContainPattern("(?m)^\\s+at ");
    }

    @Test
    void verboseAddsTheTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = CommandLineProducer.configure(new CommandLine(new Boom())).setErr(new PrintWriter(err));

        cli.execute("--verbose");

        assertThat(err.toString()).containsPattern("(?m)^\\s+at io\\.entrasync\\.cli\\.FailureHandlerTest");
    }

    @Test
    void anUnusableInputIsExitCode2() {
        Boom boom = new Boom();
        boom.failure = new ExtractException("hr.csv is empty: the first line must be a header.");
        StringWriter err = new StringWriter();
        CommandLine cli = CommandLineProducer.configure(new CommandLine(boom)).setErr(new PrintWriter(err));

        assertThat(cli.execute()).isEqualTo(FailureHandler.UNUSABLE);
        assertThat(err.toString().strip()).isEqualTo("hr.csv is empty: the first line must be a header.");
    }

    @Test
    void anUnreachableStateStoreIsExitCode3NamingTheSettings() {
        // A real Blob client against a port nothing listens on, one try: the failure the SDK really raises.
        String closed = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint="
                + "http://127.0.0.1:" + AzuriteProcess.freePort() + "/devstoreaccount1;";
        Boom boom = new Boom();
        try {
            new BlobServiceClientBuilder().connectionString(closed)
                    .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, 5, null, null, null))
                    .buildClient().getBlobContainerClient("entra-inbound-sync").exists();
        } catch (RuntimeException e) {
            boom.failure = e;
        }
        StringWriter err = new StringWriter();
        CommandLine cli = CommandLineProducer.configure(new CommandLine(boom)).setErr(new PrintWriter(err));

        assertThat(cli.execute()).isEqualTo(FailureHandler.UNAVAILABLE);
        assertThat(err.toString()).contains("The state store could not be reached")
                .contains("sync.state.connection-string").contains("sync.state.blob-endpoint")
                .doesNotContainPattern("(?m)^\\s+at ");
    }
}
