#!/bin/sh
# An exec credential plugin that never answers: it ignores SIGTERM (so only SIGKILL stops it), starts a
# child that ignores it too, records both process ids in $PLUGIN_PIDS and waits forever.
trap '' TERM
sleep 300 &
echo "$$ $!" > "$PLUGIN_PIDS"
wait
