#!/bin/sh
# azd postdeploy hook: subscribes the inboundFile function to the BlobCreated events of the inbound container (the
# storage account's Event Grid system topic, subject filter /blobServices/default/containers/<inbound>/blobs/).
# It runs after the code is deployed because Event Grid checks that the function exists, and the function exists only
# once the host has started with the new package: a cold Java start on Flex Consumption takes a while, so it waits
# (INBOUND_FUNCTION_WAIT_SECONDS, 600 by default) with a countdown.
# Safe to run again: the subscription is created or updated in place (Event Grid's create is a PUT).
# Manual use: eval "$(azd env get-values)" && sh infra/scripts/subscribe-inbound-events.sh
set -eu

. "$(dirname "$0")/lib.sh"
require_az
load_azd_env AZURE_SUBSCRIPTION_ID AZURE_FUNCTION_APP_ID INBOUND_EVENTS_SYSTEM_TOPIC
require_env AZURE_SUBSCRIPTION_ID AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_FUNCTION_APP_ID \
  INBOUND_EVENTS_SYSTEM_TOPIC INBOUND_FUNCTION_NAME SYNC_INBOUND_CONTAINER
wait_seconds=$(seconds_setting INBOUND_FUNCTION_WAIT_SECONDS 600)
interval=$(seconds_setting INBOUND_FUNCTION_POLL_SECONDS 10)
sub="$AZURE_SUBSCRIPTION_ID"
rg="$AZURE_RESOURCE_GROUP"
app="$AZURE_FUNCTION_APP_NAME"
fn="$INBOUND_FUNCTION_NAME"

# Polls "$@" (an az_run call) until it answers something, with a countdown; shows az's last error when it gives up.
wait_for() {
  what="$1"
  shift
  waited=0
  while :; do
    if az_run "$@" && [ -n "$AZ_OUT" ]; then
      return 0
    fi
    if [ "$waited" -ge "$wait_seconds" ]; then
      [ "$AZ_RC" -ne 0 ] || AZ_ERR_TEXT="(no error: the answer was empty)"
      az_failed "Waiting ${wait_seconds} s for $what"
      echo "Did the app start? Application Insights shows start-up errors (a missing setting, a broken mapping). List what the host loaded: az functionapp function list --subscription $sub --resource-group $rg --name $app -o table" >&2
      exit 1
    fi
    echo "Waiting for $what: $((wait_seconds - waited)) s left (a cold Java start on Flex Consumption takes a minute or more)..."
    sleep "$interval"
    waited=$((waited + interval))
    [ "$interval" -gt 0 ] || waited=$((waited + 1))
  done
}

wait_for "the $fn function to be loaded by the host" \
  functionapp function show --subscription "$sub" --resource-group "$rg" --name "$app" --function-name "$fn" \
  --query "config.bindings[?ends_with(type, 'Trigger')].type | [0]" -o tsv
trigger="$AZ_OUT"

case "$trigger" in
  eventGridTrigger|eventgridtrigger|EventGridTrigger)
    # An Event Grid trigger: Event Grid delivers to the function by its resource id, no key involved.
    endpoint_type=azurefunction
    endpoint="${AZURE_FUNCTION_APP_ID}/functions/${fn}"
    ;;
  *)
    echo "ERROR: $fn is triggered by '$trigger', not by Event Grid: the deployed code does not match this hook." >&2
    exit 1
    ;;
esac

az_run eventgrid system-topic event-subscription create \
    --subscription "$sub" \
    --resource-group "$rg" \
    --system-topic-name "$INBOUND_EVENTS_SYSTEM_TOPIC" \
    --name inbound-extracts \
    --endpoint-type "$endpoint_type" \
    --endpoint "$endpoint" \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "/blobServices/default/containers/${SYNC_INBOUND_CONTAINER}/blobs/" \
    --output none ||
  { az_failed "Creating the Event Grid subscription inbound-extracts on $INBOUND_EVENTS_SYSTEM_TOPIC"; exit 1; }

echo "Extracts dropped in '${SYNC_INBOUND_CONTAINER}/<source>/<file>' now start the ${fn} function."
