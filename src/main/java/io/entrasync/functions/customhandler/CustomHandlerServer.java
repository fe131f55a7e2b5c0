package io.entrasync.functions.customhandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.SyncConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The custom-handler door: the web server the Azure Functions host starts ({@code host.json} {@code customHandler})
 * and calls on {@code 127.0.0.1:<FUNCTIONS_CUSTOMHANDLER_PORT>}, one {@code POST /<functionName>} per invocation with
 * the {@link InvocationRequest} JSON, answered with the {@link InvocationResponse} JSON. This is how Azure Functions
 * runs a native executable; the JVM build answers the same way. No business logic: each path is one of
 * {@link CustomHandlerFunctions}, run on a worker thread (the pipeline blocks). A body past
 * {@code sync.custom-handler.max-body-bytes} is answered 413 without being kept ({@link LimitedBody}); a connection
 * that sends no whole request within {@code sync.custom-handler.read-timeout} is closed ({@link ReadDeadlines}).
 */
@ApplicationScoped
public class CustomHandlerServer {

    /** The function names, as the folder names under {@code functions/custom-handler/}. */
    static final List<String> FUNCTIONS = List.of("inboundFile", "hrPoll", "reconcile", "resumeWaiting");

    private static final Logger LOG = Logger.getLogger(CustomHandlerServer.class);
    private static final String JSON = "application/json";

    @Inject
    Vertx vertx;

    @Inject
    CustomHandlerFunctions functions;

    @Inject
    ObjectMapper mapper;

    @Inject
    SyncConfig config;

    private HttpServer server;
    private ReadDeadlines deadlines;

    /** Starts listening on loopback; port 0 picks a free port. Returns the port. */
    public synchronized int start(int port) {
        if (server != null) {
            return server.actualPort();
        }
        deadlines = new ReadDeadlines(vertx, config.customHandler().readTimeout());
        // HTTP/1.1 only, as the Functions host calls: with h2c detection on, a connection that sends nothing would
        // not exist for Vert.x yet, and no read deadline could close it.
        HttpServer created = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setHttp2ClearTextEnabled(false))
                .connectionHandler(deadlines::opened)
                .requestHandler(this::handle);
        try {
            server = created.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The custom handler cannot listen on 127.0.0.1:" + port + " ("
                    + e.getMessage() + "). Check FUNCTIONS_CUSTOMHANDLER_PORT.", e);
        }
        LOG.infof("custom handler listening on 127.0.0.1:%d for %s", server.actualPort(), FUNCTIONS);
        return server.actualPort();
    }

    @PreDestroy
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void handle(HttpServerRequest request) {
        deadlines.requestStarted(request.connection());
        request.response().endHandler(done -> deadlines.answered(request.connection()));
        String function = request.path().startsWith("/") ? request.path().substring(1) : request.path();
        if (!FUNCTIONS.contains(function)) {
            answer(request, 404, Invocation.failed("no function '" + function + "' here; this app has " + FUNCTIONS));
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            answer(request, 405, Invocation.failed("the Functions host invokes " + function + " with POST"));
            return;
        }
        LimitedBody.read(request, config.customHandler().maxBodyBytes(), body -> {
            deadlines.requestRead(request.connection());
            run(request, function, body);
        }, reason -> answer(request, 400, Invocation.failed("cannot read the request: " + reason)));
    }

    private void run(HttpServerRequest request, String function, Buffer body) {
        vertx.<Invocation>executeBlocking(() -> invoke(function, body), false)
                .onComplete(done -> {
                    if (done.succeeded()) {
                        Invocation invocation = done.result();
                        answer(request, invocation.failed() ? 500 : 200, invocation);
                    } else {
                        // Logged with its stack trace for operators; the host gets the message only.
                        LOG.errorf(done.cause(), "%s failed", function);
                        answer(request, 500, Invocation.failed(function + " failed: " + done.cause().getMessage()));
                    }
                });
    }

    private Invocation invoke(String function, Buffer body) throws InterruptedException {
        InvocationRequest request;
        try {
            request = mapper.readValue(body.getBytes(), InvocationRequest.class);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            return Invocation.failed("the request body is not an invocation request (JSON with Data and Metadata): "
                    + reason);
        }
        return switch (function) {
            case "inboundFile" -> functions.inboundFile(request);
            case "hrPoll" -> functions.hrPoll(request);
            case "reconcile" -> functions.reconcile(request);
            case "resumeWaiting" -> functions.resumeWaiting(request);
            default -> throw new IllegalStateException("unrouted function " + function);
        };
    }

    private void answer(HttpServerRequest request, int status, Invocation invocation) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(InvocationResponse.logs(invocation.logs()));
        } catch (IOException e) {
            body = "{\"Outputs\":{},\"Logs\":[],\"ReturnValue\":null}".getBytes(StandardCharsets.UTF_8);
        }
        request.response().setStatusCode(status).putHeader("Content-Type", JSON).end(Buffer.buffer(body));
    }
}
