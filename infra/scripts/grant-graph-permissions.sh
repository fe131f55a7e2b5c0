#!/bin/sh
# Grants the managed identity its Microsoft Graph application permissions, for tenants where the person running
# `azd up` may not grant app roles (deployed with GRANT_GRAPH_PERMISSIONS=false).
#
# Run by a Privileged Role Administrator or Global Administrator, signed in with `az login` to the tenant:
#   sh infra/scripts/grant-graph-permissions.sh [principal-id] [AuditLog.Read.All|ProvisioningLog.Read.All]
# principal-id defaults to MANAGED_IDENTITY_PRINCIPAL_ID of the current azd environment.
# Safe to run again: roles already granted are left alone.
set -eu

command -v az >/dev/null 2>&1 || { echo "The Azure CLI (az) is needed: https://aka.ms/azure-cli" >&2; exit 1; }

principal="${1:-${MANAGED_IDENTITY_PRINCIPAL_ID:-}}"
if [ -z "$principal" ] && command -v azd >/dev/null 2>&1; then
  principal=$(azd env get-value MANAGED_IDENTITY_PRINCIPAL_ID 2>/dev/null || true)
fi
[ -n "$principal" ] || { echo "Usage: $0 <managed-identity-principal-id> [AuditLog.Read.All|ProvisioningLog.Read.All]" >&2; exit 2; }
log_permission="${2:-AuditLog.Read.All}"
case "$log_permission" in
  AuditLog.Read.All|ProvisioningLog.Read.All) ;;
  *) echo "Second argument must be AuditLog.Read.All or ProvisioningLog.Read.All, not '$log_permission'." >&2; exit 2 ;;
esac

graph_app_id=00000003-0000-0000-c000-000000000000
graph_sp=$(az ad sp show --id "$graph_app_id" --query id -o tsv)
granted=$(az rest --method GET \
  --url "https://graph.microsoft.com/v1.0/servicePrincipals/${principal}/appRoleAssignments?\$select=appRoleId,resourceId" \
  --query "value[?resourceId=='${graph_sp}'].appRoleId" -o tsv)

for role in SynchronizationData-User.Upload "$log_permission" Synchronization.Read.All; do
  role_id=$(az ad sp show --id "$graph_app_id" \
    --query "appRoles[?value=='${role}' && contains(allowedMemberTypes, 'Application')].id | [0]" -o tsv)
  [ -n "$role_id" ] || { echo "Microsoft Graph has no application permission '$role' in this tenant." >&2; exit 1; }
  if printf '%s\n' "$granted" | grep -qx "$role_id"; then
    echo "$role: already granted."
    continue
  fi
  az rest --method POST \
    --url "https://graph.microsoft.com/v1.0/servicePrincipals/${principal}/appRoleAssignments" \
    --headers "Content-Type=application/json" \
    --body "{\"principalId\":\"${principal}\",\"resourceId\":\"${graph_sp}\",\"appRoleId\":\"${role_id}\"}" \
    --output none
  echo "$role: granted."
done
echo "Done. Tokens already issued to the app keep their old permissions for up to 24 hours; restart the function app to fetch a new one sooner."
