# azd postprovision hook (Windows). Same steps as postprovision.sh:
#  1. grants the managed identity its Microsoft Graph app roles (grant-graph-permissions.ps1). When the deployer may not
#     grant them, or GRANT_GRAPH_PERMISSIONS=false, everything else still deploys and the hook prints the command an
#     administrator runs (GRAPH_PERMISSIONS_FALLBACK);
#  2. waits until the identity's storage role assignments are old enough to have applied, so that the first package
#     deployment and host start are not refused (403) while they propagate.
. "$PSScriptRoot/lib.ps1"
Assert-Az
Import-AzdEnv @('AZURE_SUBSCRIPTION_ID', 'AZURE_STORAGE_ACCOUNT_ID', 'MANAGED_IDENTITY_PRINCIPAL_ID')
Assert-Env @('AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP', 'AZURE_STORAGE_ACCOUNT_ID', 'MANAGED_IDENTITY_PRINCIPAL_ID')
$principal = $env:MANAGED_IDENTITY_PRINCIPAL_ID
$fallback = if ($env:GRAPH_PERMISSIONS_FALLBACK) { $env:GRAPH_PERMISSIONS_FALLBACK } else { "sh infra/scripts/grant-graph-permissions.sh $principal" }
$settleSeconds = Get-Seconds 'ROLE_ASSIGNMENT_SETTLE_SECONDS' 300
$interval = Get-Seconds 'ROLE_ASSIGNMENT_POLL_SECONDS' 15

# 1. Microsoft Graph app roles.
if ($env:GRANT_GRAPH_PERMISSIONS -match '^(false|0|no)$') {
    Write-Host 'GRANT_GRAPH_PERMISSIONS=false: Microsoft Graph permissions not granted. An administrator runs:'
    Write-Host "    pwsh infra/scripts/grant-graph-permissions.ps1 -PrincipalId $principal   (or: $fallback)"
} else {
    & pwsh -NoProfile -File "$PSScriptRoot/grant-graph-permissions.ps1" -PrincipalId $principal
    if ($LASTEXITCODE -ne 0) {
        [Console]::Error.WriteLine('WARNING: the Microsoft Graph permissions were NOT granted (see the error above); everything else is deployed.')
        [Console]::Error.WriteLine('Until they are, uploads fail with 403. A Privileged Role Administrator or Global Administrator runs:')
        [Console]::Error.WriteLine("    pwsh infra/scripts/grant-graph-permissions.ps1 -PrincipalId $principal   (or: $fallback)")
    }
}

# 2. Storage role assignments of the identity (app/rbac.bicep): present, and given time to apply.
# (--scope names the resource group too; az refuses --resource-group beside --scope.)
$r = Invoke-Az role assignment list --subscription $env:AZURE_SUBSCRIPTION_ID --scope $env:AZURE_STORAGE_ACCOUNT_ID `
    --query "[?principalId=='$principal'].createdOn" -o tsv
if (-not $r.Ok) { Write-AzFailure "Listing the identity's role assignments on the storage account (az role assignment list)" $r; exit 1 }
if (-not $r.Out) {
    [Console]::Error.WriteLine("ERROR: the managed identity has no role assignment on $($env:AZURE_STORAGE_ACCOUNT_ID): run 'azd provision' again.")
    exit 1
}
$newest = ($r.Out -split "`r?`n" | Sort-Object | Select-Object -Last 1)
$age = 0 # an unreadable timestamp: wait the whole time
$created = [DateTimeOffset]::MinValue
if ([DateTimeOffset]::TryParse($newest, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AssumeUniversal, [ref] $created)) {
    $age = [int] ([DateTimeOffset]::UtcNow - $created).TotalSeconds
}
while ($age -lt $settleSeconds) {
    Write-Host "Storage role assignments were made $age s ago; Azure applies them within minutes. Waiting $($settleSeconds - $age) s more before the code is deployed..."
    if ($interval -eq 0) { break }
    Start-Sleep -Seconds $interval
    $age += $interval
}
Write-Host 'Storage role assignments of the managed identity are in place.'
