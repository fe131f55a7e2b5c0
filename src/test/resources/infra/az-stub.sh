#!/bin/sh
# A stand-in for the Azure CLI, for HookScriptsTest: records each call's arguments in $AZ_STUB_DIR/calls.log (a line
# "CALL", then one line per argument, indented by two spaces) and answers from files the test wrote:
#   <key>.<n>.rc, <key>.<n>.out, <key>.<n>.err  for the n-th call of a command (the last one given repeats), where
#   <key> is the command's words joined by '_' (functionapp_function_show), plus the --method of `az rest` (rest_POST).
d="$AZ_STUB_DIR"
{ echo "CALL"; for a in "$@"; do printf '  %s\n' "$a"; done; } >> "$d/calls.log"
key=""
for a in "$@"; do
  case "$a" in -*) break ;; esac
  key="${key:+${key}_}$a"
done
take=false
for a in "$@"; do
  if [ "$take" = true ]; then key="${key}_$a"; break; fi
  [ "$a" = "--method" ] && take=true
done
n=$(cat "$d/$key.count" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$d/$key.count"
r=$n
while [ "$r" -gt 1 ] && [ ! -e "$d/$key.$r.rc" ]; do r=$((r - 1)); done
[ -e "$d/$key.$r.rc" ] || { echo "az stub: no answer for '$key'" >&2; exit 99; }
[ ! -e "$d/$key.$r.out" ] || cat "$d/$key.$r.out"
[ ! -e "$d/$key.$r.err" ] || cat "$d/$key.$r.err" >&2
exit "$(cat "$d/$key.$r.rc")"
