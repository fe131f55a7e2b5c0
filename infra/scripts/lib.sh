# Shared by the azd hook scripts and grant-graph-permissions.sh (POSIX sh; sourced, not run).
#
# Every Azure Resource Manager call names the azd environment's subscription and resource group explicitly
# (--subscription, --resource-group): the Azure CLI's active subscription may be another one. When a call fails, the
# Azure CLI's own error text is shown, never replaced by a guess.

AZ_ERR_FILE=$(mktemp "${TMPDIR:-/tmp}/entra-inbound-sync-az.XXXXXX")
trap 'rm -f "$AZ_ERR_FILE"' EXIT
AZ_OUT=
AZ_ERR_TEXT=
AZ_RC=0

# Runs az with the given arguments: its output in AZ_OUT, its error text in AZ_ERR_TEXT, its exit code returned.
az_run() {
  if AZ_OUT=$(az "$@" 2>"$AZ_ERR_FILE"); then
    AZ_RC=0
    AZ_ERR_TEXT=
    return 0
  else
    AZ_RC=$?
  fi
  AZ_ERR_TEXT=$(cat "$AZ_ERR_FILE")
  return "$AZ_RC"
}

# Prints what failed and the Azure CLI's own error text (stderr), with any function key (code=...) masked.
az_failed() {
  echo "ERROR: $1 failed (az exit code $AZ_RC). The Azure CLI said:" >&2
  printf '%s\n' "${AZ_ERR_TEXT:-(no error text)}" | sed 's/code=[^&" ]*/code=***/g; s/^/    /' >&2
}

require_az() {
  command -v az >/dev/null 2>&1 || { echo "ERROR: the Azure CLI (az) is needed: https://aka.ms/azure-cli" >&2; exit 1; }
}

# azd runs hooks with the environment's values exported; when a script is run by hand, read them from azd.
load_azd_env() {
  for name in "$@"; do
    eval "value=\${$name:-}"
    if [ -z "$value" ]; then
      if command -v azd >/dev/null 2>&1; then
        eval "$(azd env get-values)"
      fi
      return 0
    fi
  done
}

require_env() {
  for name in "$@"; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || { echo "ERROR: $name is not set: run 'azd provision' first (or export the azd environment: eval \"\$(azd env get-values)\")." >&2; exit 1; }
  done
}

# A whole number of seconds from an environment variable, or the default.
seconds_setting() {
  eval "value=\${$1:-}"
  case "$value" in
    '' ) echo "$2" ;;
    *[!0-9]* ) echo "ERROR: $1 must be a number of seconds, not '$value'." >&2; exit 2 ;;
    * ) echo "$value" ;;
  esac
}
