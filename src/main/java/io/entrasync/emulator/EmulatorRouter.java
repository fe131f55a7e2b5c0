package io.entrasync.emulator;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** Sends each request to its endpoint and turns {@link EmulatorException}s into Graph error answers. */
final class EmulatorRouter implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(EmulatorRouter.class.getName());
    private static final Pattern JOB = Pattern.compile(
            "/(v1\\.0|beta)/servicePrincipals/([^/]+)/synchronization/jobs/([^/]+)"
                    + "(/bulkUpload|/restart|/start|/pause|/schema)?/?");
    private static final Pattern JOBS = Pattern.compile(
            "/(v1\\.0|beta)/servicePrincipals/([^/]+)/synchronization/jobs/?");
    private static final Pattern LOGS = Pattern.compile("/(v1\\.0|beta)/auditLogs/provisioning/?");
    private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token/?");
    private static final Pattern USERS = Pattern.compile("/(v1\\.0|beta)/users/?");
    private static final Pattern MSI = Pattern.compile("/msi/token/?");

    private final ProvisioningEmulator emulator;
    private final GraphEndpoints graph;
    private final JobEndpoints jobs;
    private final TokenEndpoints tokens;
    private final AdminEndpoints admin;
    private final UsersEndpoint users;

    EmulatorRouter(ProvisioningEmulator emulator) {
        this.emulator = emulator;
        this.graph = new GraphEndpoints(emulator);
        this.jobs = new JobEndpoints(emulator, graph);
        this.tokens = new TokenEndpoints(emulator);
        this.admin = new AdminEndpoints(emulator);
        this.users = new UsersEndpoint(emulator, graph);
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        Exchange ex = new Exchange(http, emulator.mapper);
        boolean bulkUpload = false;
        try {
            String path = http.getRequestURI().getPath();
            Matcher job = JOB.matcher(path);
            Matcher jobs = JOBS.matcher(path);
            Matcher logs = LOGS.matcher(path);
            Matcher token = TOKEN.matcher(path);
            Matcher usersPath = USERS.matcher(path);
            if (job.matches()) {
                String sub = job.group(4) == null ? "" : job.group(4);
                bulkUpload = sub.equals("/bulkUpload");
                if (bulkUpload) {
                    graph.bulkUpload(ex, job.group(1), job.group(2), job.group(3));
                } else {
                    this.jobs.handle(ex, job.group(1), job.group(2), job.group(3), sub);
                }
            } else if (jobs.matches()) {
                this.jobs.list(ex, jobs.group(1), jobs.group(2));
            } else if (logs.matches()) {
                graph.provisioningLogs(ex, logs.group(1));
            } else if (usersPath.matches()) {
                users.list(ex, usersPath.group(1));
            } else if (MSI.matcher(path).matches()) {
                tokens.managedIdentity(ex);
            } else if (token.matches()) {
                tokens.clientCredentials(ex, token.group(1));
            } else if (path.startsWith("/_emulator/")) {
                admin.handle(ex, http.getRequestURI().getRawPath().substring("/_emulator/".length()));
            } else {
                throw new EmulatorException(404, "NotFound", "The emulator does not serve " + http.getRequestMethod()
                        + " " + path
                        + ". See docs/emulator.md for its endpoints.");
            }
        } catch (LostAnswer e) {
            throw e; // counted as accepted: the service has the upload, only its answer is lost
        } catch (DropConnection e) {
            emulator.stats.failed.incrementAndGet();
            throw e;
        } catch (GatewayFault e) {
            emulator.stats.failed.incrementAndGet();
            GraphEndpoints.hold(emulator.settings());
            ex.sendText(e.status, "text/html", e.html);
        } catch (EmulatorException e) {
            if (bulkUpload) {
                count(e.status());
                GraphEndpoints.hold(emulator.settings());
            }
            ex.sendError(e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Emulator bug while serving " + http.getRequestURI().getPath(), e);
            ex.sendError(new EmulatorException(500, "InternalServerError", "Emulator error: " + e));
        }
    }

    private void count(int status) {
        if (status == 429) {
            emulator.stats.throttled.incrementAndGet();
        } else if (status >= 500) {
            emulator.stats.failed.incrementAndGet();
        } else {
            emulator.stats.rejected.incrementAndGet();
        }
    }

    static void requireMethod(Exchange ex, String method) {
        if (!ex.method().equalsIgnoreCase(method)) {
            throw new EmulatorException(405, "MethodNotAllowed", ex.method() + " is not allowed here; use " + method
                    + ".");
        }
    }
}
