#!/bin/sh
# azd postprovision hook (runs after infra/main.bicep is deployed, before azd deploys the code):
#  1. grants the managed identity its Microsoft Graph app roles (grant-graph-permissions.sh). When the deployer may not
#     grant them, or GRANT_GRAPH_PERMISSIONS=false, everything else still deploys and the hook prints the command an
#     administrator runs (GRAPH_PERMISSIONS_FALLBACK);
#  2. waits until the identity's storage role assignments are old enough to have applied, so that the first package
#     deployment and host start are not refused (403) while they propagate.
# Safe to run again. Manual use: eval "$(azd env get-values)" && sh infra/scripts/postprovision.sh
set -eu

here=$(dirname "$0")
. "$here/lib.sh"
require_az
load_azd_env AZURE_SUBSCRIPTION_ID AZURE_STORAGE_ACCOUNT_ID MANAGED_IDENTITY_PRINCIPAL_ID
require_env AZURE_SUBSCRIPTION_ID AZURE_RESOURCE_GROUP AZURE_STORAGE_ACCOUNT_ID MANAGED_IDENTITY_PRINCIPAL_ID
fallback="${GRAPH_PERMISSIONS_FALLBACK:-sh infra/scripts/grant-graph-permissions.sh $MANAGED_IDENTITY_PRINCIPAL_ID}"
settle_seconds=$(seconds_setting ROLE_ASSIGNMENT_SETTLE_SECONDS 300)
interval=$(seconds_setting ROLE_ASSIGNMENT_POLL_SECONDS 15)

# 1. Microsoft Graph app roles.
case "${GRANT_GRAPH_PERMISSIONS:-true}" in
  false|False|FALSE|0|no)
    echo "GRANT_GRAPH_PERMISSIONS=false: Microsoft Graph permissions not granted. An administrator runs:"
    echo "    $fallback"
    ;;
  *)
    if sh "$here/grant-graph-permissions.sh" "$MANAGED_IDENTITY_PRINCIPAL_ID"; then
      :
    else
      echo "WARNING: the Microsoft Graph permissions were NOT granted (see the error above); everything else is deployed." >&2
      echo "Until they are, uploads fail with 403. A Privileged Role Administrator or Global Administrator runs:" >&2
      echo "    $fallback" >&2
      echo "(Windows: pwsh infra/scripts/grant-graph-permissions.ps1 -PrincipalId $MANAGED_IDENTITY_PRINCIPAL_ID)" >&2
    fi
    ;;
esac

# 2. Storage role assignments of the identity (app/rbac.bicep): present, and given time to apply.
epoch_of() { # ISO-8601 UTC timestamp -> seconds since 1970 (GNU date, then BSD date); empty when neither parses it
  stamp=$(printf '%s' "$1" | sed 's/\.[0-9]*//; s/[+Z].*$//')
  date -u -d "$stamp" +%s 2>/dev/null || date -j -u -f '%Y-%m-%dT%H:%M:%S' "$stamp" +%s 2>/dev/null || true
}

# (--scope names the resource group too; az refuses --resource-group beside --scope.)
az_run role assignment list --subscription "$AZURE_SUBSCRIPTION_ID" \
    --scope "$AZURE_STORAGE_ACCOUNT_ID" --query "[?principalId=='${MANAGED_IDENTITY_PRINCIPAL_ID}'].createdOn" -o tsv ||
  { az_failed "Listing the identity's role assignments on the storage account (az role assignment list)"; exit 1; }
[ -n "$AZ_OUT" ] || { echo "ERROR: the managed identity has no role assignment on $AZURE_STORAGE_ACCOUNT_ID: run 'azd provision' again." >&2; exit 1; }
newest=$(printf '%s\n' "$AZ_OUT" | sort | tail -n 1)
created=$(epoch_of "$newest")
now=$(date -u +%s)
age=0 # an unreadable timestamp: wait the whole time
[ -z "$created" ] || age=$((now - created))
while [ "$age" -lt "$settle_seconds" ]; do
  echo "Storage role assignments were made $age s ago; Azure applies them within minutes. Waiting $((settle_seconds - age)) s more before the code is deployed..."
  [ "$interval" -gt 0 ] || break
  sleep "$interval"
  age=$((age + interval))
done
echo "Storage role assignments of the managed identity are in place."
