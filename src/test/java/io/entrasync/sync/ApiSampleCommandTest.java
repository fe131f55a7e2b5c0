package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClient;

import io.entrasync.cli.EntraInboundSyncCommand;
import io.entrasync.config.SyncConfig;
import io.entrasync.state.StateStore;
import io.entrasync.support.AzuriteResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * {@code sync --source scim --sample N} through the CLI against a SCIM server stub, wired from {@code sync.*} (the
 * {@code scim} preset with its default reference): the first N records, flattened and mapped, nothing sent or stored.
 */
@QuarkusTest
@QuarkusTestResource(value = AzuriteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ScimSourceResource.class, restrictToAnnotatedClass = true)
class ApiSampleCommandTest {

    @Inject
    CommandLine.IFactory factory;

    @Inject
    StateStore state;

    @Inject
    BlobServiceClient blobs;

    @Inject
    SyncConfig config;

    @Test
    void showsTheFirstRecordsFlattenedAndMappedStopsReadingAndSendsAndStoresNothing() {
        ScimServerStub scim = ScimSourceResource.scim;
        scim.user("2819c223-0001", "E1", "a17f-boss", "Sales")
                .user("a17f-boss", "E0", null, "B".repeat(300))
                .user("2819c223-0009", "E9", "gone-7731", "Sales")
                .user("2819c223-0004", "E4", "a17f-boss", "Sales")
                .user("2819c223-0005", "E5", "a17f-boss", "Sales")
                .user("2819c223-0006", "E6", "a17f-boss", "Sales")
                .displayName("2819c223-0001", "Ann\u001B]0;owned\u0007 " + ScimSourceResource.API_KEY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = command(out, err, "sync", "--source", "scim", "--sample", "3");

        String shown = out.toString();
        assertThat(exit).as(shown + err).isZero();
        assertThat(scim.served).as("two pages of two, then reading stopped").containsExactly(2, 2);
        assertThat(shown).contains("the first 3 record(s)", "Nothing was sent and nothing was stored")
                .contains("Record 1 (page 1, record 1)", "    externalId = E1",
                        "    " + ScimServerStub.ENTERPRISE + ".manager.value = a17f-boss",
                        "  reference " + ScimServerStub.ENTERPRISE + ".manager.value = E0 (translated)")
                .contains("  maps to: {").contains("\"externalId\":\"E1\"").contains("\"value\":\"E0\"")
                .contains("Record 2 (page 1, record 2)", "B".repeat(120) + "… (300 characters)")
                .contains("Record 3 (page 2, record 1)", "  rejected: ", "'gone-7731'")
                .doesNotContain("Record 4", "E4")
                .doesNotContain(ScimSourceResource.API_KEY).doesNotContain("\u001B").contains("\\u001B]0;owned");
        assertThat(state.list("scim/")).as("no watermark, no reference index").isEmpty();
        assertThat(blobs.getBlobContainerClient(config.api().spoolContainer()).exists()
                && blobs.getBlobContainerClient(config.api().spoolContainer()).listBlobs().iterator().hasNext())
                .as("no spool").isFalse();
        assertThat(ScimSourceResource.emulator.users()).as("nothing sent").isEmpty();
    }

    @Test
    void aSampleSizeOutOfRangeIsAUsageError() {
        StringWriter err = new StringWriter();

        int exit = command(new StringWriter(), err, "sync", "--source", "scim", "--sample", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--sample takes a number of records from 1 to 1000");
    }

    private int command(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(EntraInboundSyncCommand.class, factory);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
