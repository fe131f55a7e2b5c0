package io.entrasync.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

import com.azure.core.exception.AzureException;

import io.entrasync.mapping.MappingException;
import io.entrasync.source.ExtractException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's one top-level handler: whatever a command throws becomes one sentence on stderr with what to do and a
 * documented exit code, never a stack trace ({@code --verbose} adds it).
 * <ul>
 * <li>{@value #UNUSABLE}: the input, the mapping, an option or the configuration is wrong (nothing was done);</li>
 * <li>{@value #UNAVAILABLE}: the state store or a service could not be reached or failed; run it again later;</li>
 * <li>{@value #UNEXPECTED}: anything else (a bug): the message, and {@code --verbose} for the details.</li>
 * </ul>
 */
final class FailureHandler implements IExecutionExceptionHandler {

    static final int UNEXPECTED = 1;
    static final int UNUSABLE = 2;
    static final int UNAVAILABLE = 3;
    static final String VERBOSE = "--verbose";
    private static final int MAX_MESSAGE = 600;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        Verdict verdict = classify(failure);
        err.println(verdict.message());
        if (isVerbose(parsed)) {
            failure.printStackTrace(err);
        } else if (verdict.exitCode() == UNEXPECTED) {
            err.println("Run the command again with " + VERBOSE + " for the details.");
        }
        err.flush();
        return verdict.exitCode();
    }

    record Verdict(int exitCode, String message) {
    }

    static Verdict classify(Throwable failure) {
        if (failure instanceof ExtractException || failure instanceof MappingException
                || failure instanceof ExtractArguments.UsageException || failure instanceof IllegalArgumentException
                || failure instanceof CommandLine.ParameterException) {
            return new Verdict(UNUSABLE, firstLine(failure.getMessage()));
        }
        Throwable network = find(failure, ConnectException.class, UnknownHostException.class,
                NoRouteToHostException.class, HttpTimeoutException.class, TimeoutException.class);
        boolean storage = mentionsStorage(failure);
        if (storage) {
            return new Verdict(UNAVAILABLE, "The state store could not be reached or refused the request ("
                    + firstLine(describe(network != null ? network : deepest(failure))) + "). Check "
                    + "sync.state.connection-string or sync.state.blob-endpoint and that the storage account is up, "
                    + "then run the command again: nothing is lost, a run resumes from its last checkpoint.");
        }
        if (network != null || failure instanceof AzureException || failure instanceof UncheckedIOException) {
            return new Verdict(UNAVAILABLE, "A service could not be reached (" + firstLine(describe(
                    network != null ? network : deepest(failure))) + "). Check the URL and the network, then run the "
                    + "command again.");
        }
        return new Verdict(UNEXPECTED, "Failed: " + firstLine(describe(failure)));
    }

    private static boolean isVerbose(ParseResult parsed) {
        for (ParseResult result = parsed; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsStorage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("com.azure.storage.")) {
                return true;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("com.azure.storage.")
                        || frame.getClassName().startsWith("io.entrasync.state.")) {
                    return true;
                }
            }
        }
        return false;
    }

    @SafeVarargs
    private static Throwable find(Throwable failure, Class<? extends Throwable>... kinds) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> kind : kinds) {
                if (kind.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Throwable deepest(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message;
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        String line = message.strip();
        int end = line.indexOf('\n');
        line = end > 0 ? line.substring(0, end).strip() : line;
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}
