#!/usr/bin/env bash
# Starts WildFly with the app on 127.0.0.1:8080 (management on 127.0.0.1:9990). Arguments: the WildFly home (already
# configured with apply.sh), the WAR, and the data folder that keeps the database, the job repository and the files.
# The server's own state lives in that folder too (jboss.server.base.dir), so `mvn clean` loses nothing.
# Environment: EEGWF_PORT_OFFSET shifts every port (default 0); EEGWF_JAVA_OPTS replaces the JVM's heap options
# (default -Xmx2g, as on Payara); EEGWF_SERVER_ARGS is passed on to standalone.sh.
set -euo pipefail
home=$1
war=$2
data=$3
base="$data/server"
mkdir -p "$base/deployments" "$base/data" "$base/log"
# configuration is taken fresh from the configured installation each time; data and logs are kept
rm -rf "$base/configuration"
cp -r "$home/standalone/configuration" "$base/configuration"
cp "$war" "$base/deployments/eeg-workflow.war"
export LAUNCH_JBOSS_IN_BACKGROUND=1
# WildFly's own default heap (512 MB) is too small for the app: 50 users' jobs used 489 MB of it (LoadSlowIT), and an
# hour-long recording needs about 650 MB live while it is filtered
export JBOSS_JAVA_SIZING="${EEGWF_JAVA_OPTS:--Xmx2g}"
echo "Data folder: $data"
exec "$home/bin/standalone.sh" -Djboss.server.base.dir="$base" -Deegwf.data.dir="$data" \
  -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.socket.binding.port-offset="${EEGWF_PORT_OFFSET:-0}" \
  ${EEGWF_SERVER_ARGS:-}
