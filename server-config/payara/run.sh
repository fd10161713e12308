#!/usr/bin/env bash
# Starts Payara Micro with the app on 127.0.0.1:8080. Arguments: the payara-micro jar, the WAR, and the data folder
# that keeps the database, the job repository and the files.
# Environment: EEGWF_PORT_OFFSET shifts the HTTP port (default 0), EEGWF_JAVA_OPTS replaces the JVM options (default
# -Xmx2g), EEGWF_SERVER_ARGS is passed on to Payara Micro, EEGWF_PAYARA_BOOT_JAR names the build's
# eeg-workflow-payara-boot.jar when it is neither next to the WAR nor in this checkout's target/. Payara Micro keeps no state of its own between runs (a fresh
# temporary root folder each start), so several instances may share one data folder (scale-out, README) as they are.
set -euo pipefail
jar=$1
war=$2
data=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$data"
echo "Data folder: $data"
# The batch runtime's job repository has its own H2 file (db/jbatch, post-boot-commands.asadmin); before, it lived in
# the app's (db/eegwf). A data folder from then gets db/jbatch as a copy of db/eegwf once, before the server opens
# either: the repository keeps its jobs and its next execution id, which the app's table holds unique (a fresh
# repository would hand out 1, 2, ... again). The copy's app tables, and the old repository in db/eegwf, go unused.
if [ -f "$data/db/eegwf.mv.db" ] && [ ! -f "$data/db/jbatch.mv.db" ]; then
  cp -p "$data/db/eegwf.mv.db" "$data/db/jbatch.mv.db.copying"
  mv "$data/db/jbatch.mv.db.copying" "$data/db/jbatch.mv.db"
fi
# Payara's batch runtime reads its job XML with a new JAXB context for every job it starts (a fifth of the server's CPU
# under load, EngineBench), and JAXB then looks up its context factory and a SAX parser factory through ServiceLoader,
# which on Payara scans every jar of the application. The build's eeg-workflow-payara-boot.jar has a context factory
# that builds the job XML's context once (org.eegworkflow.payara.JobXmlContexts): EEGWF_PAYARA_BOOT_JAR, or the one next
# to the WAR, or the one in this checkout's target/. Without it, JAXB's own factory is named. Naming skips the scans.
boot=${EEGWF_PAYARA_BOOT_JAR:-$(dirname "$war")/eeg-workflow-payara-boot.jar}
[ -f "$boot" ] || boot="$here/../../target/eeg-workflow-payara-boot.jar"
if [ -f "$boot" ]; then
  echo "JAXB context factory: org.eegworkflow.payara.JobXmlContexts from $boot"
  xml="-Xbootclasspath/a:$boot -Djakarta.xml.bind.JAXBContextFactory=org.eegworkflow.payara.JobXmlContexts"
else
  xml="-Djakarta.xml.bind.JAXBContextFactory=org.glassfish.jaxb.runtime.v2.JAXBContextFactory"
fi
xml="$xml -Djavax.xml.parsers.SAXParserFactory=com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl"
exec java ${EEGWF_JAVA_OPTS:--Xmx2g} $xml -Deegwf.data.dir="$data" -Dh2.bindAddress=127.0.0.1 -jar "$jar" \
  --deploy "$war" --nohazelcast --port $((8080 + ${EEGWF_PORT_OFFSET:-0})) \
  --prebootcommandfile "$here/pre-boot-commands.asadmin" --postbootcommandfile "$here/post-boot-commands.asadmin" \
  ${EEGWF_SERVER_ARGS:-}
