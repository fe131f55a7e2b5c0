# Grants the managed identity its Microsoft Graph application permissions, for tenants where the person running
# `azd up` may not grant app roles (deployed with GRANT_GRAPH_PERMISSIONS=false). Same steps as
# grant-graph-permissions.sh. Run by a Privileged Role Administrator or Global Administrator after `az login`:
#   pwsh infra/scripts/grant-graph-permissions.ps1 [-PrincipalId <id>] [-LogPermission AuditLog.Read.All|ProvisioningLog.Read.All]
param(
    [string] $PrincipalId = $env:MANAGED_IDENTITY_PRINCIPAL_ID,
    [ValidateSet('AuditLog.Read.All', 'ProvisioningLog.Read.All')]
    [string] $LogPermission = 'AuditLog.Read.All'
)
$ErrorActionPreference = 'Stop'

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw 'The Azure CLI (az) is needed: https://aka.ms/azure-cli'
}
if (-not $PrincipalId -and (Get-Command azd -ErrorAction SilentlyContinue)) {
    $PrincipalId = azd env get-value MANAGED_IDENTITY_PRINCIPAL_ID 2>$null
}
if (-not $PrincipalId) { throw 'Pass -PrincipalId <managed identity principal id> (azd output MANAGED_IDENTITY_PRINCIPAL_ID).' }

$graphAppId = '00000003-0000-0000-c000-000000000000'
$graph = az ad sp show --id $graphAppId -o json | ConvertFrom-Json
$assigned = az rest --method GET `
    --url "https://graph.microsoft.com/v1.0/servicePrincipals/$PrincipalId/appRoleAssignments" -o json | ConvertFrom-Json
$granted = @($assigned.value | Where-Object { $_.resourceId -eq $graph.id } | ForEach-Object { $_.appRoleId })

foreach ($role in @('SynchronizationData-User.Upload', $LogPermission, 'Synchronization.Read.All')) {
    $appRole = $graph.appRoles | Where-Object { $_.value -eq $role -and $_.allowedMemberTypes -contains 'Application' } |
        Select-Object -First 1
    if (-not $appRole) { throw "Microsoft Graph has no application permission '$role' in this tenant." }
    if ($granted -contains $appRole.id) { Write-Host "${role}: already granted."; continue }
    $body = @{ principalId = $PrincipalId; resourceId = $graph.id; appRoleId = $appRole.id } | ConvertTo-Json -Compress
    $bodyFile = New-TemporaryFile
    try {
        Set-Content -Path $bodyFile -Value $body -Encoding utf8
        az rest --method POST --url "https://graph.microsoft.com/v1.0/servicePrincipals/$PrincipalId/appRoleAssignments" `
            --headers 'Content-Type=application/json' --body "@$bodyFile" --output none
        if ($LASTEXITCODE -ne 0) { throw "Granting $role failed." }
    } finally {
        Remove-Item $bodyFile -ErrorAction SilentlyContinue
    }
    Write-Host "${role}: granted."
}
Write-Host 'Done. Tokens already issued to the app keep their old permissions for up to 24 hours; restart the function app to fetch a new one sooner.'
