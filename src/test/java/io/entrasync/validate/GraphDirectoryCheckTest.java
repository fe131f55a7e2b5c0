package io.entrasync.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.source.ExtractException;

/**
 * The lookup itself against a local HTTP stub answering as Graph's List users does
 * (https://learn.microsoft.com/en-us/graph/api/user-list): the OData quoting, the person's own account, the budget,
 * and a service that keeps failing.
 */
class GraphDirectoryCheckTest {

    private static final String FOUND = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName,mail,employeeId)",
             "value":[{"id":"8f0c…","userPrincipalName":"pat.o'neil@contoso.com","mail":null,"employeeId":"%s"}]}
            """;

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = FOUND.formatted("");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            queries.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GraphDirectoryCheck check(int maxLookups) {
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String accessToken() {
                return "token";
            }

            @Override
            public void invalidate() {
            }
        };
        GraphClient graph = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), tokens,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)), Duration.ofSeconds(5),
                new ObjectMapper(), wait -> { }, java.time.Clock.systemUTC());
        return new GraphDirectoryCheck(graph, "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                new ObjectMapper(), "hr", maxLookups);
    }

    @Test
    void aQuoteIsDoubledAndTheFilterEncodedAsODataAsks() {
        assertThat(check(10).check("userName", "pat.o'neil@contoso.com", "1001"))
                .isEqualTo(DirectoryCheck.Answer.HELD);

        assertThat(queries).singleElement().satisfies(query -> {
            assertThat(query).startsWith("/v1.0/users?$filter=").doesNotContain(" ", "'neil");
            assertThat(URLDecoder.decode(query, StandardCharsets.UTF_8))
                    .contains("$filter=userPrincipalName eq 'pat.o''neil@contoso.com'",
                            "$select=id,userPrincipalName,mail,employeeId");
        });
    }

    @Test
    void theAccountOfThePersonThemselvesDoesNotHoldTheirValue() {
        body = FOUND.formatted("1001");
        assertThat(check(10).check("userName", "pat.o'neil@contoso.com", "1001")).isEqualTo(DirectoryCheck.Answer.FREE);
        body = "{\"value\":[]}";
        assertThat(check(10).check("emails[type eq \"work\"].value", "pat@contoso.com", "1001"))
                .isEqualTo(DirectoryCheck.Answer.FREE);
        assertThat(URLDecoder.decode(queries.get(1), StandardCharsets.UTF_8)).contains("mail eq 'pat@contoso.com'");
    }

    @Test
    void pastTheBudgetOrForAnAttributeGraphCannotFilterNothingIsAskedAndTheValueIsUnchecked() {
        GraphDirectoryCheck check = check(1);
        check.check("userName", "a@contoso.com", "1");

        assertThat(check.check("userName", "b@contoso.com", "2")).isEqualTo(DirectoryCheck.Answer.UNCHECKED);
        assertThat(check(5).check("urn:ietf:params:scim:schemas:extension:x:User:badge", "7", "3"))
                .isEqualTo(DirectoryCheck.Answer.UNCHECKED);
        assertThat(queries).hasSize(1);
    }

    @Test
    void aServiceThatKeepsFailingStopsTheCheckAfterTheRetriesAndNamesWhatToDo() {
        status = 503;
        body = "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"try later\"}}";

        assertThatThrownBy(() -> check(10).check("userName", "a@contoso.com", "1001"))
                .isInstanceOf(ExtractException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("User.Read.All")
                .hasMessageContaining("sync.sources.hr.unique.directory-check=false")
                .hasMessageNotContaining("a@contoso.com");
        assertThat(queries).hasSize(3);
    }
}
