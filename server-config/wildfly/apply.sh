#!/usr/bin/env bash
# Applies a CLI script (server-config/wildfly/*.cli) to a WildFly installation, offline, exactly once: the pristine
# standalone.xml is kept beside it, so a changed script is re-applied to the pristine file rather than on top of the
# old result. An undo-*.cli script is applied on top of the current configuration instead, and leaves it unmarked.
# Environment: EEGWF_JDBC_DRIVER, the PostgreSQL JDBC driver jar that postgresql.cli installs.
set -euo pipefail
home=$1
script=$2
conf="$home/standalone/configuration"
args=()
if [ -n "${EEGWF_JDBC_DRIVER:-}" ]; then
  [ -f "$EEGWF_JDBC_DRIVER" ] || { echo "EEGWF_JDBC_DRIVER: no such file: $EEGWF_JDBC_DRIVER" >&2; exit 1; }
  args+=("-Deegwf.jdbc.driver=$(cd "$(dirname "$EEGWF_JDBC_DRIVER")" && pwd)/$(basename "$EEGWF_JDBC_DRIVER")")
fi
if grep -v '^ *#' "$script" | grep -q 'eegwf.jdbc.driver' && [ ${#args[@]} -eq 0 ]; then
  echo "$(basename "$script") installs the PostgreSQL JDBC driver: set EEGWF_JDBC_DRIVER to its jar" >&2
  exit 1
fi
case "$(basename "$script")" in
  undo-*)
    "$home/bin/jboss-cli.sh" "${args[@]}" --file="$script"
    rm -rf "$conf/standalone_xml_history"
    rm -f "$conf"/.applied-*
    echo "applied $(basename "$script") to $home"
    exit 0
    ;;
esac
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
"$home/bin/jboss-cli.sh" "${args[@]}" --file="$script"
rm -rf "$conf/standalone_xml_history"
touch "$marker"
echo "applied $(basename "$script") to $home"
