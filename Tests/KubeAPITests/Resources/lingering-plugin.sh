#!/bin/sh
# An exec credential plugin that prints a credential and exits, leaving a background child that keeps
# standard output open; the child's process id goes to $PLUGIN_PIDS.
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}\n' \
  "$PLUGIN_TOKEN"
sleep 300 &
echo "$!" > "$PLUGIN_PIDS"
exit 0
