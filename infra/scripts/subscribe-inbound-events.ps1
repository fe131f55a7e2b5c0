# azd postdeploy hook (Windows): subscribe the blob trigger (source = EventGrid) to BlobCreated events of the inbound
# container. Same steps as subscribe-inbound-events.sh; safe to run again.
$ErrorActionPreference = 'Stop'

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw 'The Azure CLI (az) is needed: https://aka.ms/azure-cli'
}
if (-not $env:AZURE_FUNCTION_APP_NAME) {
    foreach ($line in (azd env get-values)) {
        if ($line -match '^([^=]+)="?(.*?)"?$') { Set-Item -Path "env:$($Matches[1])" -Value $Matches[2] }
    }
}
foreach ($name in 'RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_FUNCTION_APP_HOSTNAME',
                  'INBOUND_EVENTS_SYSTEM_TOPIC', 'INBOUND_FUNCTION_NAME', 'SYNC_INBOUND_CONTAINER') {
    if (-not (Get-Item -Path "env:$name" -ErrorAction SilentlyContinue).Value) {
        throw "$name is not set: run 'azd provision' first."
    }
}

$key = ''
for ($attempt = 1; $attempt -le 12 -and -not $key; $attempt++) {
    $key = az functionapp keys list -g $env:RESOURCE_GROUP -n $env:AZURE_FUNCTION_APP_NAME `
        --query 'systemKeys.blobs_extension' -o tsv 2>$null
    if (-not $key) {
        Write-Host "Waiting for the function app's blobs_extension key (attempt $attempt of 12)..."
        Start-Sleep -Seconds 10
    }
}
if (-not $key) {
    throw "No blobs_extension key on $($env:AZURE_FUNCTION_APP_NAME): is the app deployed and running? See docs/deployment.md, Troubleshooting."
}

$endpoint = "https://$($env:AZURE_FUNCTION_APP_HOSTNAME)/runtime/webhooks/blobs?functionName=Host.Functions.$($env:INBOUND_FUNCTION_NAME)&code=$key"
# az on Windows is a .cmd script: without literal quotes around it, cmd.exe would cut the URL at '&'.
if ($IsWindows -or $env:OS -eq 'Windows_NT') { $endpoint = '"' + $endpoint + '"' }

az eventgrid system-topic event-subscription create `
    --name inbound-extracts `
    --resource-group $env:RESOURCE_GROUP `
    --system-topic-name $env:INBOUND_EVENTS_SYSTEM_TOPIC `
    --endpoint-type webhook `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$($env:SYNC_INBOUND_CONTAINER)/blobs/" `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'Creating the Event Grid subscription failed.' }

Write-Host "Extracts dropped in '$($env:SYNC_INBOUND_CONTAINER)/<source>/<file>' now start the $($env:INBOUND_FUNCTION_NAME) function."
