#!/usr/bin/env bash
# Starts Payara Micro with the app on 127.0.0.1:8080. Arguments: the payara-micro jar, the WAR, and the data folder
# that keeps the database, the job repository and the files.
# Environment: EEGWF_PORT_OFFSET shifts the HTTP port (default 0), EEGWF_JAVA_OPTS replaces the JVM options (default
# -Xmx2g), EEGWF_SERVER_ARGS is passed on to Payara Micro; EEGWF_SERVER_DIR keeps the server's own state (its
# runtime folder, --rootdir) there instead of a fresh temporary folder: several instances sharing one data folder
# (scale-out, README) each need their own.
set -euo pipefail
jar=$1
war=$2
data=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$data"
root=()
if [ -n "${EEGWF_SERVER_DIR:-}" ]; then
  mkdir -p "$EEGWF_SERVER_DIR"
  root=(--rootdir "$EEGWF_SERVER_DIR")
fi
echo "Data folder: $data"
exec java ${EEGWF_JAVA_OPTS:--Xmx2g} -Deegwf.data.dir="$data" -Dh2.bindAddress=127.0.0.1 -jar "$jar" \
  --deploy "$war" --nohazelcast --port $((8080 + ${EEGWF_PORT_OFFSET:-0})) \
  --prebootcommandfile "$here/pre-boot-commands.asadmin" --postbootcommandfile "$here/post-boot-commands.asadmin" \
  "${root[@]}" ${EEGWF_SERVER_ARGS:-}
