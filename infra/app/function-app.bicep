// The Flex Consumption function app (Java 17, or the native executable as a custom handler) and every app setting
// it reads.
//
// The keys between the app-settings markers below are checked by
// src/test/java/io/entrasync/infra/AppSettingsConsistencyTest.java: each must be read by the code (a sync.* property
// in environment form, a binding %PLACEHOLDER% or connection, or a documented Functions host setting), and everything
// the code needs must be here. Keep one key per line; '${...}' in a key stands for a source name.

import { sourceType } from 'types.bicep'

param name string
param location string
param tags object
param appServicePlanId string
param applicationInsightsName string
param storageAccountName string
param deploymentContainerName string
param identityId string
param identityClientId string
param tenantId string
param inboundContainer string
param processedContainer string
param failedContainer string
param stateContainer string
param apiSpoolContainer string
param sources sourceType[]
param dailyCallQuota int
param reconcileSchedule string
param hrPollSchedule string
param resumeSchedule string
param extraAppSettings object
param instanceMemoryMB int
param maximumInstanceCount int
@description('java (Java worker, JVM) or custom (custom handler running the native executable).')
param functionsRuntime string

// The function new extracts start (io.entrasync.functions.InboundFileFunction, @FunctionName). The postdeploy hook
// subscribes it to BlobCreated events of the inbound container (infra/scripts/subscribe-inbound-events.sh).
var inboundFunctionName = 'inboundFile'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// app-settings:begin
var hostSettings = {
  // The Functions host's own storage (timer locks, blob-trigger poison queue), through the managed identity.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: stg.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: stg.properties.primaryEndpoints.queue
  // Telemetry with Entra ID authentication (local auth is disabled on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The Application Insights Java agent that the Functions Java worker ships: it collects the app's Micrometer
  // meters (Micrometer's global registry) into customMetrics and ties logs to the invocation (docs/monitoring.md).
  APPLICATIONINSIGHTS_ENABLE_AGENT: 'true'
}

var triggerSettings = {
  // %RECONCILE_SCHEDULE%, %HR_POLL_SCHEDULE% and %RESUME_SCHEDULE% of the timer triggers. The Event Grid trigger
  // (inboundFile) needs no connection of its own: the pipeline reaches storage through SYNC_STATE_*.
  RECONCILE_SCHEDULE: reconcileSchedule
  HR_POLL_SCHEDULE: hrPollSchedule
  RESUME_SCHEDULE: resumeSchedule
}

var syncSettings = {
  // State and drop zone: the same account, reached with the managed identity (no keys exist).
  SYNC_STATE_BLOB_ENDPOINT: stg.properties.primaryEndpoints.blob
  SYNC_STATE_MANAGED_IDENTITY_CLIENT_ID: identityClientId
  SYNC_STATE_CONTAINER: stateContainer
  SYNC_FILES_INBOUND_CONTAINER: inboundContainer
  SYNC_FILES_PROCESSED_CONTAINER: processedContainer
  SYNC_FILES_FAILED_CONTAINER: failedContainer
  // Where HR API reads wait as files until their run completed (the timer function hrPoll, HR_POLL_SCHEDULE).
  SYNC_API_SPOOL_CONTAINER: apiSpoolContainer
}

var sourceSettings = reduce(sources, {}, (settings, source) => union(settings, {
  'SYNC_SOURCES_${toUpper(source.name)}_MAPPING': source.mapping
  'SYNC_SOURCES_${toUpper(source.name)}_GRAPH_SERVICE_PRINCIPAL_ID': source.servicePrincipalId
  'SYNC_SOURCES_${toUpper(source.name)}_GRAPH_JOB_ID': source.jobId
  'SYNC_SOURCES_${toUpper(source.name)}_GRAPH_TENANT': tenantId
  'SYNC_SOURCES_${toUpper(source.name)}_AUTH_MODE': 'managed-identity'
  'SYNC_SOURCES_${toUpper(source.name)}_AUTH_CLIENT_ID': identityClientId
  'SYNC_SOURCES_${toUpper(source.name)}_UPLOAD_QUOTA_DAILY_CALLS': string(dailyCallQuota)
}))
// app-settings:end

// Later sets win: the generated settings cannot be overridden by accident through extraAppSettings.
var appSettings = union(extraAppSettings, sourceSettings, syncSettings, triggerSettings, hostSettings)

module site 'br/public:avm/res/web/site:0.15.1' = {
  name: 'site'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': 'sync' })
    serverFarmResourceId: appServicePlanId
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [identityId]
    }
    // Key Vault references in app settings (@Microsoft.KeyVault(SecretUri=...), e.g. HR API secrets through
    // extraAppSettings) resolve with this identity; without it the platform tries a system-assigned identity the site
    // does not have. The identity needs "Key Vault Secrets User" on the vault (docs/deployment.md).
    keyVaultAccessIdentityResourceId: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${stg.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: functionsRuntime == 'java' ? {
        name: 'java'
        version: '17'
      } : {
        name: 'custom'
        version: '1.0'
      }
    }
    siteConfig: {
      alwaysOn: false
    }
    appSettingsKeyValuePairs: appSettings
  }
}

output name string = site.outputs.name
output resourceId string = site.outputs.resourceId
output defaultHostname string = site.outputs.defaultHostname
output inboundFunctionName string = inboundFunctionName
