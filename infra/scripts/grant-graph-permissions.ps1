# Grants the managed identity its Microsoft Graph application permissions (app roles on Microsoft Graph):
#   SynchronizationData-User.Upload  POST .../synchronization/jobs/{id}/bulkUpload
#   AuditLog.Read.All                GET /auditLogs/provisioning (Microsoft's "List provisioningObjectSummary" page
#                                    names AuditLog.Read.All; ProvisioningLog.Read.All is not among its permissions)
#   Synchronization.Read.All         GET the provisioning job's status (read-only)
# Same steps as grant-graph-permissions.sh. The azd postprovision hook runs it (postprovision.ps1); an administrator
# (Privileged Role Administrator or Global Administrator) runs it by hand after `az login` to the tenant:
#   pwsh infra/scripts/grant-graph-permissions.ps1 [-PrincipalId <id>] [-ExtraRoles Directory.Read.All]
# Safe to run again: roles already granted are left alone. Replication delay of a new identity is retried every
# GRAPH_RETRY_INTERVAL_SECONDS (15) for up to GRAPH_REPLICATION_WAIT_SECONDS (300).
# Exit codes: 0 granted (or already), 1 failed (the Azure CLI's error is shown), 2 usage, 3 not allowed to grant.
param(
    [string] $PrincipalId = $env:MANAGED_IDENTITY_PRINCIPAL_ID,
    [string[]] $ExtraRoles = @()
)
. "$PSScriptRoot/lib.ps1"
Assert-Az
if (-not $PrincipalId) {
    Import-AzdEnv @('MANAGED_IDENTITY_PRINCIPAL_ID')
    $PrincipalId = $env:MANAGED_IDENTITY_PRINCIPAL_ID
}
if (-not $PrincipalId) {
    [Console]::Error.WriteLine('Usage: grant-graph-permissions.ps1 -PrincipalId <managed identity principal id> (azd output MANAGED_IDENTITY_PRINCIPAL_ID)')
    exit 2
}
$roles = @('SynchronizationData-User.Upload', 'AuditLog.Read.All', 'Synchronization.Read.All') + $ExtraRoles
$waitSeconds = Get-Seconds 'GRAPH_REPLICATION_WAIT_SECONDS' 300
$interval = Get-Seconds 'GRAPH_RETRY_INTERVAL_SECONDS' 15
$graphAppId = '00000003-0000-0000-c000-000000000000'
$graphUrl = "https://graph.microsoft.com/v1.0/servicePrincipals/$PrincipalId/appRoleAssignments"

if ($env:AZURE_TENANT_ID) {
    $r = Invoke-Az account show --query tenantId -o tsv
    if (-not $r.Ok) { Write-AzFailure "Reading the Azure CLI's signed-in tenant (az account show)" $r; exit 1 }
    if ($r.Out -ne $env:AZURE_TENANT_ID) {
        [Console]::Error.WriteLine("ERROR: the Azure CLI is signed in to tenant $($r.Out), the deployment is in $($env:AZURE_TENANT_ID): run 'az login --tenant $($env:AZURE_TENANT_ID)'.")
        exit 1
    }
}

# Runs an az call, retrying while the identity has not replicated, with a countdown. Returns the result or exits.
function Invoke-WithReplicationRetry([string] $What, [string[]] $AzArgs) {
    $waited = 0
    while ($true) {
        $r = Invoke-Az @AzArgs
        if ($r.Ok -or $r.Err -match 'already exists') { return $r }
        if ($r.Err -match 'Authorization_RequestDenied|Insufficient privileges|Forbidden') {
            Write-AzFailure $What $r
            [Console]::Error.WriteLine('The signed-in account may not grant Microsoft Graph app roles: a Privileged Role Administrator or Global Administrator runs this script.')
            exit 3
        }
        if ($r.Err -match 'Not a valid reference update|Request_ResourceNotFound|does not exist|NotFound' -and $waited -lt $waitSeconds) {
            Write-Host "${What}: Microsoft Entra ID does not know principal $PrincipalId yet (replication delay); retrying in $interval s ($($waitSeconds - $waited) s left)..."
            Start-Sleep -Seconds $interval
            $waited += [Math]::Max($interval, 1)
            continue
        }
        Write-AzFailure $What $r
        exit 1
    }
}

$r = Invoke-Az ad sp show --id $graphAppId -o json
if (-not $r.Ok) { Write-AzFailure "Looking up Microsoft Graph's service principal (az ad sp show)" $r; exit 1 }
$graph = $r.Out | ConvertFrom-Json
$assigned = (Invoke-WithReplicationRetry "Reading the identity's app role assignments" @(
    'rest', '--method', 'GET', '--url', "$graphUrl`?`$select=appRoleId,resourceId", '-o', 'json')).Out | ConvertFrom-Json
$granted = @($assigned.value | Where-Object { $_.resourceId -eq $graph.id } | ForEach-Object { $_.appRoleId })

foreach ($role in $roles) {
    $appRole = $graph.appRoles | Where-Object { $_.value -eq $role -and $_.allowedMemberTypes -contains 'Application' } |
        Select-Object -First 1
    if (-not $appRole) { [Console]::Error.WriteLine("ERROR: Microsoft Graph has no application permission '$role' in this tenant."); exit 1 }
    if ($granted -contains $appRole.id) { Write-Host "${role}: already granted."; continue }
    # The body goes through a file: az on Windows is a .cmd script, and cmd.exe would mangle the JSON's quotes.
    $bodyFile = New-TemporaryFile
    try {
        Set-Content -Path $bodyFile -Encoding utf8 -Value (@{ principalId = $PrincipalId; resourceId = $graph.id; appRoleId = $appRole.id } | ConvertTo-Json -Compress)
        $r = Invoke-WithReplicationRetry "Granting $role" @('rest', '--method', 'POST', '--url', $graphUrl,
            '--headers', 'Content-Type=application/json', '--body', "@$bodyFile", '--output', 'none')
    } finally {
        Remove-Item $bodyFile -ErrorAction SilentlyContinue
    }
    if ($r.Ok) { Write-Host "${role}: granted." } else { Write-Host "${role}: already granted." }
}
Write-Host 'Microsoft Graph permissions are in place. Tokens issued before a grant keep their old permissions for up to 24 hours: restart the function app to fetch a new one sooner.'
