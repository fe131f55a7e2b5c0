#!/bin/sh
# Grants the managed identity its Microsoft Graph application permissions (app roles on Microsoft Graph):
#   SynchronizationData-User.Upload  POST .../synchronization/jobs/{id}/bulkUpload
#   AuditLog.Read.All                GET /auditLogs/provisioning (Microsoft's "List provisioningObjectSummary" page
#                                    names AuditLog.Read.All; ProvisioningLog.Read.All is not among its permissions)
#   Synchronization.Read.All         GET the provisioning job's status (read-only)
#
# The azd postprovision hook runs it (postprovision.sh). An administrator runs it by hand when the deployer may not
# grant app roles (Privileged Role Administrator or Global Administrator is needed), signed in with `az login` to the
# tenant:
#   sh infra/scripts/grant-graph-permissions.sh [principal-id] [extra-app-role ...]
# principal-id defaults to MANAGED_IDENTITY_PRINCIPAL_ID of the azd environment; extra roles (e.g. Directory.Read.All,
# see docs/deployment.md) are granted too.
#
# Safe to run again: roles already granted are left alone. A managed identity created minutes ago may not have
# replicated in Microsoft Entra ID yet ("Not a valid reference update", "does not exist"): those answers are retried
# every GRAPH_RETRY_INTERVAL_SECONDS (15) for up to GRAPH_REPLICATION_WAIT_SECONDS (300).
# Exit codes: 0 granted (or already), 1 failed (the Azure CLI's error is shown), 2 usage, 3 not allowed to grant.
set -eu

. "$(dirname "$0")/lib.sh"
require_az
[ $# -ge 1 ] || load_azd_env MANAGED_IDENTITY_PRINCIPAL_ID

principal="${1:-${MANAGED_IDENTITY_PRINCIPAL_ID:-}}"
[ -n "$principal" ] || { echo "Usage: $0 <managed-identity-principal-id> [extra-app-role ...] (azd output MANAGED_IDENTITY_PRINCIPAL_ID)" >&2; exit 2; }
[ $# -ge 1 ] && shift
roles="SynchronizationData-User.Upload AuditLog.Read.All Synchronization.Read.All $*"
wait_seconds=$(seconds_setting GRAPH_REPLICATION_WAIT_SECONDS 300)
interval=$(seconds_setting GRAPH_RETRY_INTERVAL_SECONDS 15)
graph_app_id=00000003-0000-0000-c000-000000000000
graph_url="https://graph.microsoft.com/v1.0/servicePrincipals/${principal}/appRoleAssignments"

# The grant goes to the tenant the Azure CLI is signed in to: it must be the deployment's.
if [ -n "${AZURE_TENANT_ID:-}" ]; then
  az_run account show --query tenantId -o tsv || { az_failed "Reading the Azure CLI's signed-in tenant (az account show)"; exit 1; }
  if [ "$AZ_OUT" != "$AZURE_TENANT_ID" ]; then
    echo "ERROR: the Azure CLI is signed in to tenant $AZ_OUT, the deployment is in $AZURE_TENANT_ID: run 'az login --tenant $AZURE_TENANT_ID'." >&2
    exit 1
  fi
fi

not_allowed() {
  case "$AZ_ERR_TEXT" in
    *Authorization_RequestDenied*|*"Insufficient privileges"*|*Forbidden*) return 0 ;;
  esac
  return 1
}

not_replicated_yet() {
  case "$AZ_ERR_TEXT" in
    *"Not a valid reference update"*|*Request_ResourceNotFound*|*"does not exist"*|*NotFound*) return 0 ;;
  esac
  return 1
}

refuse() {
  az_failed "$1"
  echo "The signed-in account may not grant Microsoft Graph app roles: a Privileged Role Administrator or Global Administrator runs this script." >&2
  exit 3
}

# Retries "$@" (an az_run call) while the identity has not replicated, with a countdown; returns 0 or exits.
# ALREADY_EXISTS=true when Graph answered that the assignment exists (another run granted it meanwhile).
with_replication_retry() {
  what="$1"
  shift
  waited=0
  ALREADY_EXISTS=false
  while :; do
    az_run "$@" && return 0
    case "$AZ_ERR_TEXT" in
      *"already exists"*) ALREADY_EXISTS=true; return 0 ;;
    esac
    not_allowed && refuse "$what"
    if not_replicated_yet && [ "$waited" -lt "$wait_seconds" ]; then
      echo "$what: Microsoft Entra ID does not know principal $principal yet (replication delay); retrying in ${interval} s ($((wait_seconds - waited)) s left)..."
      sleep "$interval"
      waited=$((waited + interval))
      [ "$interval" -gt 0 ] || waited=$((waited + 1))
      continue
    fi
    az_failed "$what"
    exit 1
  done
}

az_run ad sp show --id "$graph_app_id" --query id -o tsv || { az_failed "Looking up Microsoft Graph's service principal (az ad sp show)"; exit 1; }
graph_sp="$AZ_OUT"
az_run ad sp show --id "$graph_app_id" --query "appRoles[?contains(allowedMemberTypes, 'Application')].[value, id]" -o tsv ||
  { az_failed "Reading Microsoft Graph's application permissions (az ad sp show)"; exit 1; }
graph_roles="$AZ_OUT"

with_replication_retry "Reading the identity's app role assignments" \
  rest --method GET --url "${graph_url}?\$select=appRoleId,resourceId" --query "value[?resourceId=='${graph_sp}'].appRoleId" -o tsv
granted="$AZ_OUT"

for role in $roles; do
  role_id=$(printf '%s\n' "$graph_roles" | awk -v r="$role" '$1 == r { print $2; exit }')
  [ -n "$role_id" ] || { echo "ERROR: Microsoft Graph has no application permission '$role' in this tenant." >&2; exit 1; }
  if printf '%s\n' "$granted" | grep -qixF "$role_id"; then
    echo "$role: already granted."
    continue
  fi
  with_replication_retry "Granting $role" rest --method POST --url "$graph_url" --headers "Content-Type=application/json" \
    --body "{\"principalId\":\"${principal}\",\"resourceId\":\"${graph_sp}\",\"appRoleId\":\"${role_id}\"}" --output none
  if [ "$ALREADY_EXISTS" = true ]; then echo "$role: already granted."; else echo "$role: granted."; fi
done
echo "Microsoft Graph permissions are in place. Tokens issued before a grant keep their old permissions for up to 24 hours: restart the function app to fetch a new one sooner."
