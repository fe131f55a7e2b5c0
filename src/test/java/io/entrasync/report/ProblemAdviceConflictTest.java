package io.entrasync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** A user-name conflict is the mapping owner's to fix, and the report, README and deployment guide say so alike. */
class ProblemAdviceConflictTest {

    /** The detail reconciliation writes for the service's conflict entry (the emulator's UploadProcessor wording). */
    private static final String CONFLICT = "AzureActiveDirectoryConflictEntry: Failed to create User '1002' in "
            + "Microsoft Entra ID: another object with the same value for the unique property userPrincipalName "
            + "('anna.mueller@contoso.de') already exists (employeeId '1009'). (2026-12-07T10:00:00Z, change 3f2a)";

    @Test
    void aTakenUserNameIsForTheMappingOwnerAndNamesTheRule() {
        ProblemAdvice.Advice advice = ProblemAdvice.advise("service-failed", CONFLICT);
        assertThat(advice.who()).isEqualTo(ProblemAdvice.Who.MAPPING);
        assertThat(advice.fix()).contains("user.userName rule").contains("not HR");
        assertThat(ProblemAdvice.advise("service-failed", "InvalidManager: manager 'E12' not found. Final: fix the "
                + "record in the source data").who()).isEqualTo(ProblemAdvice.Who.HR_DATA);
    }

    @Test
    void aRecordWithEveryUniqueCandidateTakenIsForTheMappingOwner() {
        ProblemAdvice.Advice advice = ProblemAdvice.advise("rejected", "userName: every candidate "
                + "of unique.userName is taken");
        assertThat(advice.who()).isEqualTo(ProblemAdvice.Who.MAPPING);
        assertThat(advice.fix()).contains("unique.<attribute>.then", "not HR");
        assertThat(ProblemAdvice.advise("rejected", "emails: not an email address: 'x'").who())
                .isEqualTo(ProblemAdvice.Who.HR_DATA);
    }

    @Test
    void theReadmeAndTheDeploymentGuideGiveTheSameAdvice() throws Exception {
        String same = "declare the mapping's `user.userName` rule unique (a unique: entry with further candidates "
                + "or a counter, docs/mapping.md), or free the value in Entra ID; the next run sends the record again";
        assertThat(Files.readString(Path.of("README.md"))).contains("For the mapping owner, not HR: " + same);
        assertThat(Files.readString(Path.of("docs/deployment.md"))).contains("For the mapping owner, not HR: " + same);
        assertThat(ProblemAdvice.advise("service-failed", CONFLICT).fix().replace("user.userName rule (it becomes "
                + "the userPrincipalName)", "`user.userName` rule").toLowerCase(java.util.Locale.ROOT))
                .contains(same.toLowerCase(java.util.Locale.ROOT));
    }
}
