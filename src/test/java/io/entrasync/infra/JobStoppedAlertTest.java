package io.entrasync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Application Insights alert on a stopped provisioning job (issue 16) watches the meter reconciliation really
 * sets, under the name the Application Insights agent gives it ({@code .} becomes {@code _}), and the deployment
 * creates it; docs/deployment.md shows the same query.
 */
class JobStoppedAlertTest {

    private static final Path ROOT = Path.of(System.getProperty("project.basedir", "."));

    @Test
    void theAlertQueriesTheGaugeReconciliationSetsAndIsDeployed() throws IOException {
        String metrics = Files.readString(ROOT.resolve("src/main/java/io/entrasync/reconcile/ReconcileMetrics.java"));
        Matcher gauge = Pattern.compile("registry\\.gauge\\(\"(entrasync\\.job\\.[a-z]+)\"").matcher(metrics);
        assertThat(gauge.find()).as("the stopped-job gauge in ReconcileMetrics").isTrue();
        String customMetric = gauge.group(1).replace('.', '_');

        String alerts = Files.readString(ROOT.resolve("infra/app/alerts.bicep"));
        assertThat(alerts).contains("'Microsoft.Insights/scheduledQueryRules@")
                .contains("where name == \"" + customMetric + "\"")
                .contains("scopes: [appInsights.id]")
                .contains("autoMitigate: true");

        String main = Files.readString(ROOT.resolve("infra/main.bicep"));
        String module = main.substring(main.indexOf("module alerts 'app/alerts.bicep'"));
        assertThat(module.substring(0, module.indexOf("\n}"))).contains("appInsightsName: monitoring.outputs.name")
                .contains("alertEmail: alertEmail");
        assertThat(new ObjectMapper().readTree(ROOT.resolve("infra/main.parameters.json").toFile())
                .path("parameters").has("alertEmail")).isTrue();

        assertThat(Files.readString(ROOT.resolve("docs/deployment.md")))
                .contains("customMetrics | where name == 'entrasync_job_stopped'")
                .doesNotContain("name == 'entrasync.job.stopped'");
    }
}
