#!/usr/bin/env bash
# Applies a CLI script (server-config/wildfly/*.cli) to a WildFly installation, offline, exactly once: the pristine
# standalone.xml is kept beside it, so a changed script is re-applied to the pristine file rather than on top of the
# old result.
set -euo pipefail
home=$1
script=$2
conf="$home/standalone/configuration"
marker="$conf/.applied-$(basename "$script")"
if [ -f "$marker" ] && [ "$marker" -nt "$script" ]; then
  exit 0
fi
if [ -f "$conf/standalone.xml.pristine" ]; then
  cp "$conf/standalone.xml.pristine" "$conf/standalone.xml"
else
  cp "$conf/standalone.xml" "$conf/standalone.xml.pristine"
fi
rm -f "$conf"/.applied-*
# the embedded server leaves its boot history behind; it is not configuration
"$home/bin/jboss-cli.sh" --file="$script"
rm -rf "$conf/standalone_xml_history"
touch "$marker"
echo "applied $(basename "$script") to $home"
