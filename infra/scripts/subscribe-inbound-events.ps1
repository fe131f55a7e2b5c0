# azd postdeploy hook (Windows). Same steps as subscribe-inbound-events.sh: subscribes the inboundFile function to the
# BlobCreated events of the inbound container (subject filter /blobServices/default/containers/<inbound>/blobs/), after
# waiting (INBOUND_FUNCTION_WAIT_SECONDS, 600 by default, with a countdown) for the host to load the function: Event
# Grid checks that it exists, and a cold Java start on Flex Consumption takes a while. Safe to run again.
. "$PSScriptRoot/lib.ps1"
Assert-Az
Import-AzdEnv @('AZURE_SUBSCRIPTION_ID', 'AZURE_FUNCTION_APP_ID', 'INBOUND_EVENTS_SYSTEM_TOPIC')
Assert-Env @('AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_FUNCTION_APP_ID',
    'INBOUND_EVENTS_SYSTEM_TOPIC', 'INBOUND_FUNCTION_NAME', 'SYNC_INBOUND_CONTAINER')
$waitSeconds = Get-Seconds 'INBOUND_FUNCTION_WAIT_SECONDS' 600
$interval = Get-Seconds 'INBOUND_FUNCTION_POLL_SECONDS' 10
$sub = $env:AZURE_SUBSCRIPTION_ID
$rg = $env:AZURE_RESOURCE_GROUP
$app = $env:AZURE_FUNCTION_APP_NAME
$fn = $env:INBOUND_FUNCTION_NAME

# Polls an az call until it answers something, with a countdown; shows az's last error when it gives up.
function Wait-For([string] $What, [string[]] $AzArgs) {
    $waited = 0
    while ($true) {
        $r = Invoke-Az @AzArgs
        if ($r.Ok -and $r.Out) { return $r.Out }
        if ($waited -ge $waitSeconds) {
            if ($r.Ok) { $r.Err = '(no error: the answer was empty)' }
            Write-AzFailure "Waiting $waitSeconds s for $What" $r
            [Console]::Error.WriteLine("Did the app start? Application Insights shows start-up errors (a missing setting, a broken mapping). List what the host loaded: az functionapp function list --subscription $sub --resource-group $rg --name $app -o table")
            exit 1
        }
        Write-Host "Waiting for ${What}: $($waitSeconds - $waited) s left (a cold Java start on Flex Consumption takes a minute or more)..."
        Start-Sleep -Seconds $interval
        $waited += [Math]::Max($interval, 1)
    }
}

$trigger = Wait-For "the $fn function to be loaded by the host" @('functionapp', 'function', 'show',
    '--subscription', $sub, '--resource-group', $rg, '--name', $app, '--function-name', $fn,
    '--query', "config.bindings[?ends_with(type, 'Trigger')].type | [0]", '-o', 'tsv')

if ($trigger -eq 'eventGridTrigger') {
    # An Event Grid trigger: Event Grid delivers to the function by its resource id, no key involved.
    $endpointType = 'azurefunction'
    $endpoint = "$($env:AZURE_FUNCTION_APP_ID)/functions/$fn"
} else {
    [Console]::Error.WriteLine("ERROR: $fn is triggered by '$trigger', not by Event Grid: the deployed code does not match this hook.")
    exit 1
}

$r = Invoke-Az eventgrid system-topic event-subscription create `
    --subscription $sub `
    --resource-group $rg `
    --system-topic-name $env:INBOUND_EVENTS_SYSTEM_TOPIC `
    --name inbound-extracts `
    --endpoint-type $endpointType `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$($env:SYNC_INBOUND_CONTAINER)/blobs/" `
    --output none
if (-not $r.Ok) { Write-AzFailure "Creating the Event Grid subscription inbound-extracts on $($env:INBOUND_EVENTS_SYSTEM_TOPIC)" $r; exit 1 }

Write-Host "Extracts dropped in '$($env:SYNC_INBOUND_CONTAINER)/<source>/<file>' now start the $fn function."
