package io.entrasync.cli;

import static io.entrasync.cli.JobAdminOptions.DONE;
import static io.entrasync.cli.JobAdminOptions.NOT_DONE;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import io.entrasync.config.SyncConfig;
import io.entrasync.job.GraphJobClient;
import io.entrasync.job.JobClients;
import io.entrasync.job.JobDescription;
import io.entrasync.job.ResetScope;
import io.entrasync.job.SynchronizationJob;
import io.entrasync.upload.UploadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code job list|status|pause|start|restart}: the provisioning job of a source. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"The provisioning job: list a service principal's jobs, show a job's status (quarantine, last"
                + " execution, escrows), pause, start or restart it. Changes ask for confirmation unless --yes, and"
                + " need Synchronization.ReadWrite.All. See docs/schema-and-jobs.md.",
                "Exit code: 0 done, 1 not confirmed (nothing changed), 2 the job could not be read or changed."},
        subcommands = {JobCommand.ListJobs.class, JobCommand.Status.class, JobCommand.Pause.class,
                JobCommand.Start.class, JobCommand.Restart.class})
public class JobCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The source's job client, for the subcommands. */
    abstract static class JobAction implements Callable<Integer> {
        @Inject
        SyncConfig config;

        @Inject
        JobClients clients;

        @Mixin
        JobAdminOptions options;

        @Override
        public Integer call() {
            return options.run(this::act);
        }

        abstract int act(PrintWriter out);

        UploadSettings settings() {
            return options.source(config).upload();
        }

        GraphJobClient client() {
            return clients.forSource(settings());
        }
    }

    /** A change of the job: confirmed first, then the job's status as it is afterwards. */
    abstract static class JobChange extends JobAction {
        @Mixin
        ConfirmOption confirmation;

        int change(PrintWriter out, String question, Consumer<GraphJobClient> action) {
            GraphJobClient client = client();
            if (!confirmation.confirmed(question.replace("{job}", client.jobId()), out)) {
                return NOT_DONE;
            }
            action.accept(client);
            out.println("Done.");
            JobDescription.lines(client.job()).forEach(out::println);
            return DONE;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The provisioning app's jobs.")
    static class ListJobs extends JobAction {
        @Option(names = "--service-principal-id", paramLabel = "ID",
                description = "The provisioning app's service principal; default: the source's.")
        String servicePrincipalId;

        @Override
        int act(PrintWriter out) {
            UploadSettings settings = settings();
            String sp = servicePrincipalId == null ? settings.target().servicePrincipalId() : servicePrincipalId;
            List<SynchronizationJob> jobs = clients.forJob(settings, sp, settings.target().jobId()).jobs();
            if (jobs.isEmpty()) {
                out.println("Service principal " + sp + " has no synchronization jobs.");
            }
            jobs.forEach(job -> out.println(job.id() + "  " + job.statusCode() + "  template " + job.templateId()));
            return DONE;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "State, quarantine (reason, since when), last execution and its counts, escrows.")
    static class Status extends JobAction {
        @Override
        int act(PrintWriter out) {
            JobDescription.lines(client().job()).forEach(out::println);
            return DONE;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses the job (POST .../pause): uploads are accepted but not processed until 'job start'.")
    static class Pause extends JobChange {
        @Override
        int act(PrintWriter out) {
            return change(out, "Pause provisioning job {job}?", GraphJobClient::pause);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts the job (POST .../start): a paused job continues; a quarantine is cleared.")
    static class Start extends JobChange {
        @Override
        int act(PrintWriter out) {
            return change(out, "Start provisioning job {job}?", GraphJobClient::start);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Restarts the job (POST .../restart) with a reset scope: Escrows (stop retrying failures),"
                    + " QuarantineState (lift the quarantine), Watermark (re-evaluate every user), Full (all of these;"
                    + " the job forgets what it processed, so managers must be sent again), ForceDeletes (only with"
                    + " --allow-force-deletes). None and ConnectorDataStore, which Microsoft marks DO NOT USE, are"
                    + " refused."})
    static class Restart extends JobChange {
        @Option(names = "--scope", required = true, paramLabel = "SCOPE",
                description = "Escrows, QuarantineState, Watermark, Full or ForceDeletes.")
        String scope;

        @Option(names = "--allow-force-deletes",
                description = "Needed for --scope ForceDeletes: it deletes the users held back by accidental-deletion"
                        + " prevention.")
        boolean allowForceDeletes;

        @Override
        int act(PrintWriter out) {
            ResetScope reset = ResetScope.parse(scope);
            if (reset == ResetScope.FORCE_DELETES && !allowForceDeletes) {
                throw new ExtractArguments.UsageException("--scope ForceDeletes deletes the users that accidental-"
                        + "deletion prevention held back; add --allow-force-deletes if that is what you want.");
            }
            String warning = reset == ResetScope.FULL ? " The job forgets what it processed: manager references"
                    + " resolve only against users sent again." : "";
            return change(out, "Restart provisioning job {job} with resetScope " + reset.graphName() + "?" + warning,
                    client -> client.restart(reset));
        }
    }
}
