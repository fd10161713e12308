#!/usr/bin/env bash
# Starts WildFly with the app on 127.0.0.1:8080 (management on 127.0.0.1:9990). Arguments: the WildFly home (already
# configured with apply.sh), the WAR, and the data folder that keeps the database, the job repository and the files.
# The server's own state lives in that folder too (jboss.server.base.dir, <data>/server), so `mvn clean` loses nothing.
# Environment: EEGWF_PORT_OFFSET shifts every port (default 0); EEGWF_JAVA_OPTS replaces the JVM's heap options
# (default -Xmx2g, as on Payara); EEGWF_SERVER_ARGS is passed on to standalone.sh;
# EEGWF_SERVER_DIR moves the server's own state (default <data>/server): several instances sharing one data folder
# (scale-out, README) each need their own, for example <data>/server-<node>.
set -euo pipefail
home=$1
war=$2
data=$3
base="${EEGWF_SERVER_DIR:-$data/server}"
mkdir -p "$base/deployments" "$base/data" "$base/log"
# configuration is taken fresh from the configured installation each time; data and logs are kept
rm -rf "$base/configuration"
cp -r "$home/standalone/configuration" "$base/configuration"
cp "$war" "$base/deployments/eeg-workflow.war"
# a node of several (EEGWF_NODE) is also that node to WildFly: its name, and the transaction manager's node identifier
# (at most 23 bytes), which must differ between servers sharing one database
node_args=()
if [ -n "${EEGWF_NODE:-}" ]; then
  node_args=(-Djboss.node.name="$EEGWF_NODE" -Djboss.tx.node.id="${EEGWF_NODE:0:23}")
fi
export LAUNCH_JBOSS_IN_BACKGROUND=1
# WildFly's own default heap (512 MB) is too small for the app: 50 users' jobs used 489 MB of it (LoadSlowIT), and an
# hour-long recording needs about 650 MB live while it is filtered
export JBOSS_JAVA_SIZING="${EEGWF_JAVA_OPTS:--Xmx2g}"
echo "Data folder: $data"
exec "$home/bin/standalone.sh" -Djboss.server.base.dir="$base" -Deegwf.data.dir="$data" \
  -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.socket.binding.port-offset="${EEGWF_PORT_OFFSET:-0}" \
  "${node_args[@]}" ${EEGWF_SERVER_ARGS:-}
