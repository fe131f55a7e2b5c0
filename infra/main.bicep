// entra-inbound-sync on Azure Functions Flex Consumption, deployed with `azd up`.
// What each resource is for, and the permissions granted, are explained in docs/deployment.md.
targetScope = 'subscription'

import { sourceType } from 'app/types.bicep'

@minLength(1)
@maxLength(64)
@description('azd environment name; also makes the resource names unique.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; rg-<environmentName> when empty.')
param resourceGroupName string = ''

@description('Object id of the person running azd (AZURE_PRINCIPAL_ID). Gets Storage Blob Data Contributor so they can drop extracts and read reports. Empty: no access granted.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
@description('Kind of principalId: User for a person, ServicePrincipal for a pipeline identity.')
param principalType string = 'User'

@description('The HR sources, each feeding one API-driven provisioning app. See docs/deployment.md for each field.')
param sources sourceType[]

@minValue(1)
@description('bulkUpload calls per rolling 24 hours for the tenant: 2000 with Entra ID P1/P2, 6000 with Entra ID Governance. Applied to every source; sources of one tenant share this budget.')
param dailyCallQuota int = 2000

@description('NCRONTAB (six fields, UTC) of the reconciliation run that reads the provisioning logs and writes the reports.')
param reconcileSchedule string = '0 */15 * * * *'

@description('NCRONTAB (six fields, UTC) of the HR API polling run (sources configured with sync.sources.<name>.api.*).')
param hrPollSchedule string = '0 0 * * * *'

@description('Days a processed or failed extract (and its report) is kept before the storage lifecycle policy deletes it. Extracts hold personal data.')
@minValue(1)
param extractRetentionDays int = 30

@description('Extra app settings, e.g. HR API credentials as Key Vault references (SYNC_SOURCES_<NAME>_API_AUTH_CLIENT_SECRET). Not checked by the consistency test: keep them to sync.* keys documented in docs/configuration.md.')
param extraAppSettings object = {}

// Flex Consumption's instance sizes (learn.microsoft.com/azure/azure-functions/flex-consumption-plan#instance-memory).
// 2048 MB (one core) by default: a Java 17 host with the Quarkus app does not start comfortably in 512 MB.
@description('Memory of one Flex Consumption instance (MB): 512, 2048 or 4096. 2048 suits the Java app; 512 is too tight for it.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// Flex Consumption accepts 1 to 1000 (learn.microsoft.com/azure/azure-functions/event-driven-scaling#limit-scale-out).
@description('Most instances Flex Consumption may scale out to (1 to 1000; Flex\'s default is 100). Runs of one source are serialised by a lease anyway.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('E-mail address told when a provisioning job is paused or in quarantine (an Application Insights alert, infra/app/alerts.bicep); empty: the alert shows in the Azure portal only.')
param alertEmail string = ''

@allowed(['java', 'custom'])
@description('java: the JVM build on the Functions Java worker (default). custom: the native executable as a custom handler (functions/custom-handler; docs/deployment.md).')
param functionsRuntime string = 'java'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'
// Flex Consumption deploys the app package from this container.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// Container names: the app reads them from SYNC_FILES_*_CONTAINER / SYNC_STATE_CONTAINER (set in app/function-app.bicep).
var containers = {
  inbound: 'inbound'
  processed: 'processed'
  failed: 'failed'
  state: 'entra-inbound-sync'
  // HR API reads spooled to files until their run completed (not watched by the blob trigger).
  apiSpool: 'api-spool'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

// The app's only identity: storage (host, trigger, state) and Microsoft Graph (bulkUpload, provisioning logs).
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-sync-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Entra ID only: the app, the host and people all sign in.
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    minimumTlsVersion: 'TLS1_2'
    blobServices: {
      containers: [
        { name: deploymentContainerName }
        { name: containers.inbound }
        { name: containers.processed }
        { name: containers.failed }
        { name: containers.state }
        { name: containers.apiSpool }
      ]
    }
  }
}

module retention 'app/storage-retention.bicep' = {
  name: 'storageRetention'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    containerNames: [containers.processed, containers.failed]
    retentionDays: extractRetentionDays
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'logAnalytics'
  scope: rg
  params: {
    name: 'log-${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module monitoring 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'appInsights'
  scope: rg
  params: {
    name: 'appi-${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true // telemetry is sent with the managed identity (Monitoring Metrics Publisher)
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    appInsightsName: monitoring.outputs.name
    location: location
    tags: tags
    alertEmail: alertEmail
  }
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: 'plan-${resourceToken}'
    location: location
    tags: tags
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    applicationInsightsName: monitoring.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    tenantId: tenant().tenantId
    inboundContainer: containers.inbound
    processedContainer: containers.processed
    failedContainer: containers.failed
    stateContainer: containers.state
    apiSpoolContainer: containers.apiSpool
    sources: sources
    dailyCallQuota: dailyCallQuota
    reconcileSchedule: reconcileSchedule
    hrPollSchedule: hrPollSchedule
    extraAppSettings: extraAppSettings
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    functionsRuntime: functionsRuntime
  }
  // The host reads its storage (AzureWebJobsStorage, the deployment package) with the managed identity from its first
  // start: create the site only once its storage roles exist. They can still take minutes to apply; the postprovision
  // hook waits for that before azd deploys the package (infra/scripts/postprovision.sh).
  dependsOn: [rbac]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.name
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

// Blob events of the storage account. The subscription that delivers BlobCreated events of the inbound container to the
// inboundFile function is created after the code is deployed (azure.yaml postdeploy hook,
// infra/scripts/subscribe-inbound-events.sh): Event Grid checks that the function exists when the subscription is made.
module inboundEvents 'br/public:avm/res/event-grid/system-topic:0.6.1' = {
  name: 'inboundEvents'
  scope: rg
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    source: storage.outputs.resourceId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Microsoft Graph application permissions are not granted here but by the azd postprovision hook
// (infra/scripts/postprovision.sh → grant-graph-permissions.sh): it runs after this deployment, so the identity's service
// principal has replicated (the Graph Bicep extension fails on a fresh identity, microsoftgraph/msgraph-bicep-types#193),
// it grants only what is missing (safe to re-run), and a deployer who may not grant app roles gets everything else
// deployed and the command an administrator runs (GRAPH_PERMISSIONS_FALLBACK below).
var graphPermissionsFallback = 'sh infra/scripts/grant-graph-permissions.sh ${identity.outputs.principalId}'

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostname
output AZURE_FUNCTION_APP_ID string = functionApp.outputs.resourceId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_ACCOUNT_ID string = storage.outputs.resourceId
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.primaryBlobEndpoint
output SYNC_INBOUND_CONTAINER string = containers.inbound
output SYNC_PROCESSED_CONTAINER string = containers.processed
output SYNC_FAILED_CONTAINER string = containers.failed
output INBOUND_EVENTS_SYSTEM_TOPIC string = inboundEvents.outputs.name
output INBOUND_FUNCTION_NAME string = functionApp.outputs.inboundFunctionName
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
// What an administrator runs when the postprovision hook could not grant the Graph permissions (or
// GRANT_GRAPH_PERMISSIONS=false); Windows: pwsh infra/scripts/grant-graph-permissions.ps1 -PrincipalId <the same id>.
output GRAPH_PERMISSIONS_FALLBACK string = graphPermissionsFallback
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.name
