#!/bin/sh
# A stand-in exec credential plugin for tests. It counts its runs in $PLUGIN_COUNTER (and appends a line
# per run to $PLUGIN_COUNTER.runs, which concurrent runs cannot miscount) and prints an
# ExecCredential whose token is $PLUGIN_TOKEN_<run number> (or $PLUGIN_TOKEN) and whose expiry is
# $PLUGIN_EXPIRY. It also saves KUBERNETES_EXEC_INFO so tests can check what it was given. With
# $PLUGIN_DELAY it takes that many seconds to answer (a slow login), so concurrent callers overlap.
count=0
[ -f "$PLUGIN_COUNTER" ] && count=$(cat "$PLUGIN_COUNTER")
count=$((count + 1))
echo "$count" > "$PLUGIN_COUNTER"
echo "run $$" >> "$PLUGIN_COUNTER.runs"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$PLUGIN_COUNTER.info"
eval "token=\${PLUGIN_TOKEN_$count:-$PLUGIN_TOKEN}"
[ -n "$PLUGIN_DELAY" ] && sleep "$PLUGIN_DELAY"
if [ -n "$PLUGIN_FAIL" ]; then
  echo "plugin: login required" >&2
  exit 3
fi
expiry=""
[ -n "$PLUGIN_EXPIRY" ] && expiry=",\"expirationTimestamp\":\"$PLUGIN_EXPIRY\""
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"%s}}\n' \
  "${PLUGIN_API_VERSION:-client.authentication.k8s.io/v1}" "$token" "$expiry"
