#!/usr/bin/env bash
# Starts Payara Micro with the app on 127.0.0.1:8080. Arguments: the payara-micro jar, the WAR, and the data folder
# that keeps the database, the job repository and the files.
# Environment: EEGWF_PORT_OFFSET shifts the HTTP port (default 0), EEGWF_JAVA_OPTS replaces the JVM options (default
# -Xmx2g), EEGWF_SERVER_ARGS is passed on to Payara Micro. Payara Micro keeps no state of its own between runs (a fresh
# temporary root folder each start), so several instances may share one data folder (scale-out, README) as they are.
set -euo pipefail
jar=$1
war=$2
data=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$data"
echo "Data folder: $data"
exec java ${EEGWF_JAVA_OPTS:--Xmx2g} -Deegwf.data.dir="$data" -Dh2.bindAddress=127.0.0.1 -jar "$jar" \
  --deploy "$war" --nohazelcast --port $((8080 + ${EEGWF_PORT_OFFSET:-0})) \
  --prebootcommandfile "$here/pre-boot-commands.asadmin" --postbootcommandfile "$here/post-boot-commands.asadmin" \
  ${EEGWF_SERVER_ARGS:-}
