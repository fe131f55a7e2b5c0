// Alerts on what the app reports to Application Insights (docs/deployment.md#alert-on-a-stopped-job).

@description('Name of the Application Insights component the app sends its telemetry to.')
param appInsightsName string

param location string
param tags object = {}

@description('E-mail address told when an alert fires; empty: the alert only shows in the Azure portal (Monitor > Alerts).')
param alertEmail string = ''

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-entra-inbound-sync'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'entrasync'
    enabled: true
    emailReceivers: [
      {
        name: 'admin'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// A paused or quarantined provisioning job answers 202 and processes nothing. Reconciliation sets the Micrometer gauge
// entrasync.job.stopped (ReconcileMetrics; 1 while the source's job was last seen paused or in quarantine, tag source),
// which the Application Insights agent writes to customMetrics as entrasync_job_stopped ('.' becomes '_',
// docs/monitoring.md). The latest value per source decides, so the alert resolves once the job runs again.
// Resource shape: learn.microsoft.com/azure/templates/microsoft.insights/scheduledqueryrules.
resource jobStopped 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'provisioning-job-stopped-${appInsightsName}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Provisioning job paused or in quarantine'
    description: 'A provisioning job is paused or in quarantine: uploads are accepted and not processed. Run \'job status --source <source>\', fix the cause, then \'job restart --source <source> --scope QuarantineState\' or \'job start\' (docs/schema-and-jobs.md).'
    severity: 2
    enabled: true
    scopes: [appInsights.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "entrasync_job_stopped" | summarize arg_max(timestamp, value) by source = tostring(customDimensions.source) | where value > 0'
          timeAggregation: 'Count'
          dimensions: [
            {
              name: 'source'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: empty(alertEmail) ? [] : [actionGroup.id]
    }
  }
}
