#!/bin/sh
# azd postdeploy hook: subscribe the blob trigger (source = EventGrid) to BlobCreated events of the inbound
# container. It runs after the code is deployed because the webhook URL needs the deployed app's blobs_extension
# system key. Safe to run again: the subscription is created or updated in place.
# Manual use: azd env get-values > .env.azd && set -a && . ./.env.azd && set +a && sh infra/scripts/subscribe-inbound-events.sh
set -eu

command -v az >/dev/null 2>&1 || { echo "The Azure CLI (az) is needed: https://aka.ms/azure-cli" >&2; exit 1; }

# azd runs hooks with the environment's values exported; fall back to reading them when run by hand.
if [ -z "${AZURE_FUNCTION_APP_NAME:-}" ] && command -v azd >/dev/null 2>&1; then
  eval "$(azd env get-values)"
fi
for name in RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_FUNCTION_APP_HOSTNAME INBOUND_EVENTS_SYSTEM_TOPIC \
            INBOUND_FUNCTION_NAME SYNC_INBOUND_CONTAINER; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || { echo "$name is not set: run 'azd provision' first." >&2; exit 1; }
done

# The host registers the blobs extension key once it has started with the blob trigger: wait for it.
key=""
attempt=1
while [ $attempt -le 12 ]; do
  key=$(az functionapp keys list -g "$RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
        --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "Waiting for the function app's blobs_extension key (attempt $attempt of 12)..."
  sleep 10
  attempt=$((attempt + 1))
done
[ -n "$key" ] || { echo "No blobs_extension key on $AZURE_FUNCTION_APP_NAME: is the app deployed and running? See docs/deployment.md, Troubleshooting." >&2; exit 1; }

endpoint="https://${AZURE_FUNCTION_APP_HOSTNAME}/runtime/webhooks/blobs?functionName=Host.Functions.${INBOUND_FUNCTION_NAME}&code=${key}"

az eventgrid system-topic event-subscription create \
  --name inbound-extracts \
  --resource-group "$RESOURCE_GROUP" \
  --system-topic-name "$INBOUND_EVENTS_SYSTEM_TOPIC" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${SYNC_INBOUND_CONTAINER}/blobs/" \
  --output none

echo "Extracts dropped in '${SYNC_INBOUND_CONTAINER}/<source>/<file>' now start the ${INBOUND_FUNCTION_NAME} function."
