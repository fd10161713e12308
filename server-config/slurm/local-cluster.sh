#!/usr/bin/env bash
# A two-node Slurm cluster (n1, n2) on 127.0.0.1 from Debian's packages, without systemd: for the build's tests and for
# a user who wants to try the Slurm executor on one machine.
#
#   local-cluster.sh start    start munged, slurmctld and two slurmd; wait until both nodes are idle
#   local-cluster.sh stop     stop them all and wait until they are gone
#   local-cluster.sh status   sinfo, or "not running" (exit 1)
#
# Everything (munge key and socket, slurm.conf, logs, pid files, spool, controller state) lives in one folder,
# ${EEGWF_SLURM_HOME:-${TMPDIR:-/tmp}/eegwf-slurm}, and nothing listens outside 127.0.0.1 or on Slurm's default ports,
# so it cannot clash with a real cluster or the machine's own munged. Client commands find this cluster through
# SLURM_CONF, which `start` and `status` print.
#
# Environment: EEGWF_SLURM_HOME (state folder), EEGWF_SLURM_PORT (first of three ports, default 16817: slurmctld,
# then n1's and n2's slurmd), EEGWF_SLURM_MEM (RealMemory of each node in MB, default 8000 or what the machine has).
set -euo pipefail

HOME_DIR=${EEGWF_SLURM_HOME:-${TMPDIR:-/tmp}/eegwf-slurm}
PORT=${EEGWF_SLURM_PORT:-16817}
CONF=$HOME_DIR/slurm.conf
MUNGE_DIR=$HOME_DIR/munge
SOCKET=$MUNGE_DIR/munged.socket
NODES=(n1 n2)
DEADLINE_S=${EEGWF_SLURM_START_TIMEOUT:-60}
PACKAGES="slurmctld slurmd slurm-client munge"

# slurmctld, slurmd and munged live in /usr/sbin, which a non-root PATH often lacks
export PATH=$PATH:/usr/sbin:/sbin
export SLURM_CONF=$CONF

die() { echo "local-cluster: $*" >&2; exit 2; }

need_binaries() {
  local missing=()
  for b in munged slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
    command -v "$b" >/dev/null 2>&1 || missing+=("$b")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    die "missing ${missing[*]}; install Debian's packages first: apt-get install -y --no-install-recommends $PACKAGES"
  fi
}

# The pid in a pid file, if that process is alive and is the daemon we started (a pid may have been reused).
alive_pid() {
  local file=$1 name=$2 pid
  [ -s "$file" ] || return 1
  pid=$(cat "$file" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$name" || return 1
  echo "$pid"
}

# daemon name, its pid file, and the string its command line must contain
daemons() {
  echo "munged $MUNGE_DIR/munged.pid $SOCKET"
  echo "slurmctld $HOME_DIR/run/slurmctld.pid $CONF"
  for n in "${NODES[@]}"; do echo "slurmd-$n $HOME_DIR/run/slurmd-$n.pid $CONF"; done
}

count_alive() {
  local alive=0 name file pattern
  while read -r name file pattern; do
    alive_pid "$file" "$pattern" >/dev/null && alive=$((alive + 1))
  done < <(daemons)
  echo "$alive"
}

node_memory() {
  if [ -n "${EEGWF_SLURM_MEM:-}" ]; then echo "$EEGWF_SLURM_MEM"; return; fi
  # two nodes share the machine: each gets at most half of it (less a margin), and 8000 MB when there is room
  local total_mb half
  total_mb=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
  half=$(( total_mb / 2 - 256 ))
  if [ "$half" -lt 8000 ]; then echo "$half"; else echo 8000; fi
}

write_conf() {
  local user mem
  user=$(id -un)
  mem=$(node_memory)
  cat >"$CONF" <<EOF
# Written by local-cluster.sh; rewritten on every start.
ClusterName=eegwf-local
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$PORT
SlurmctldPidFile=$HOME_DIR/run/slurmctld.pid
SlurmctldLogFile=$HOME_DIR/log/slurmctld.log
SlurmdSpoolDir=$HOME_DIR/spool/%n
SlurmdPidFile=$HOME_DIR/run/slurmd-%n.pid
SlurmdLogFile=$HOME_DIR/log/slurmd-%n.log
StateSaveLocation=$HOME_DIR/ctld
SlurmUser=$user
# slurmd runs as root on a real cluster; as another user it can start jobs of that user only
SlurmdUser=$user
# no mail from this cluster (the default, /bin/mail, is not installed)
MailProg=/bin/true
# our own munged, not the machine's
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
# no systemd and no cgroups here: processes are tracked through /proc, tasks are not confined
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
# the node lines below are the truth, whatever slurmd detects (two nodes share one machine)
SlurmdParameters=config_overrides
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# a job without --mem gets this much per CPU instead of a whole node
DefMemPerCPU=500
# finished jobs stay visible to squeue --states=all and scontrol show job for 10 minutes
MinJobAge=600
# no slurmdbd: sacct has no job accounting; sacct -c reads the completion log below
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$HOME_DIR/log/jobcomp.log
# memory limits without cgroups: slurmstepd samples the job's processes every second and kills a step over --mem
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=1
JobAcctGatherParams=OverMemoryKill
# a job over its time limit gets SIGTERM, then SIGKILL 5 s later (default 30 s)
KillWait=5
OverTimeLimit=0
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=60
NodeName=n1 NodeAddr=127.0.0.1 NodeHostname=localhost Port=$((PORT + 1)) CPUs=2 RealMemory=$mem State=UNKNOWN
NodeName=n2 NodeAddr=127.0.0.1 NodeHostname=localhost Port=$((PORT + 2)) CPUs=2 RealMemory=$mem State=UNKNOWN
PartitionName=eeg Nodes=n1,n2 Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munged() {
  if [ ! -s "$MUNGE_DIR/munge.key" ]; then
    if command -v mungekey >/dev/null 2>&1; then
      mungekey --create --keyfile="$MUNGE_DIR/munge.key"
    else
      dd if=/dev/urandom of="$MUNGE_DIR/munge.key" bs=1024 count=1 status=none
    fi
  fi
  chmod 0400 "$MUNGE_DIR/munge.key"
  # --force: munged refuses a socket folder under a world-writable /tmp otherwise
  munged --force --socket="$SOCKET" --key-file="$MUNGE_DIR/munge.key" --pid-file="$MUNGE_DIR/munged.pid" \
    --log-file="$MUNGE_DIR/munged.log" --seed-file="$MUNGE_DIR/munged.seed" --origin=127.0.0.1 \
    >>"$HOME_DIR/log/munged.out" 2>&1 \
    || die "munged did not start; see $MUNGE_DIR/munged.log and $HOME_DIR/log/munged.out"
}

# start a daemon in the foreground mode (-D) in the background, its pid in a file of ours
start_daemon() {
  local pidfile=$1 out=$2; shift 2
  setsid "$@" >>"$out" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

print_export() {
  echo "export SLURM_CONF=$CONF"
}

wait_until() {
  local what=$1; shift
  local end=$(( $(date +%s) + DEADLINE_S ))
  until "$@"; do
    if [ "$(date +%s)" -ge "$end" ]; then
      echo "local-cluster: $what not reached within ${DEADLINE_S} s; logs in $HOME_DIR/log" >&2
      tail -n 5 "$HOME_DIR"/log/*.log >&2 || true
      return 1
    fi
    sleep 0.3
  done
}

nodes_idle() {
  local states
  states=$(sinfo -h -N -o '%N %t' 2>/dev/null | sort -u) || return 1
  [ "$states" = "$(printf 'n1 idle\nn2 idle')" ]
}

munge_ready() { [ -S "$SOCKET" ] && alive_pid "$MUNGE_DIR/munged.pid" "$SOCKET" >/dev/null; }
ctld_ready() { scontrol ping 2>/dev/null | grep -q 'is UP'; }

cmd_start() {
  need_binaries
  local alive total
  alive=$(count_alive); total=$(daemons | wc -l)
  if [ "$alive" -eq "$total" ]; then
    echo "local cluster already running in $HOME_DIR"
    print_export
    return 0
  fi
  if [ "$alive" -gt 0 ]; then
    die "only $alive of $total daemons run in $HOME_DIR; run '$0 stop' first"
  fi
  mkdir -p "$HOME_DIR"/{run,log,ctld} "$MUNGE_DIR"
  for n in "${NODES[@]}"; do mkdir -p "$HOME_DIR/spool/$n"; done
  # munged checks that only its owner can write the folders it uses
  chmod 0700 "$MUNGE_DIR"; chmod 0755 "$HOME_DIR" "$HOME_DIR/log" "$HOME_DIR/run"
  write_conf

  start_munged
  wait_until "munged" munge_ready || { cmd_stop >/dev/null; return 1; }
  start_daemon "$HOME_DIR/run/slurmctld.pid" "$HOME_DIR/log/slurmctld.out" slurmctld -D -f "$CONF"
  wait_until "slurmctld up" ctld_ready || { cmd_stop >/dev/null; return 1; }
  for n in "${NODES[@]}"; do
    start_daemon "$HOME_DIR/run/slurmd-$n.pid" "$HOME_DIR/log/slurmd-$n.out" slurmd -D -N "$n" -f "$CONF"
  done
  wait_until "both nodes idle" nodes_idle || { cmd_stop >/dev/null; return 1; }
  echo "local cluster running in $HOME_DIR (nodes n1, n2 on 127.0.0.1, slurmctld port $PORT)"
  sinfo -N -o '%N %P %t %c %m'
  print_export
}

cmd_stop() {
  local name file pattern pid pids=() end
  # a job's slurmstepd outlives its slurmd by design: cancel this cluster's jobs while the cluster still runs, so that
  # no job process is left behind and nothing is recovered half-run by the next start
  if ctld_ready; then
    scancel --partition=eeg --quiet 2>/dev/null || true
    end=$(( $(date +%s) + 20 ))
    while [ -n "$(squeue -h -t RUNNING,COMPLETING,SUSPENDED -o %i 2>/dev/null)" ] && [ "$(date +%s)" -lt "$end" ]; do
      sleep 0.3
    done
  fi
  # slurmd first, then the controller, then munge (the daemons need munge to say goodbye)
  while read -r name file pattern; do
    pid=$(alive_pid "$file" "$pattern") || continue
    case $name in
      munged) ;;
      *) kill -TERM "$pid" 2>/dev/null && pids+=("$pid") ;;
    esac
  done < <(daemons | tac)
  end=$(( $(date +%s) + 30 ))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$(date +%s)" -ge "$end" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
      sleep 0.2
    done
  done
  if pid=$(alive_pid "$MUNGE_DIR/munged.pid" "$SOCKET"); then
    kill -TERM "$pid" 2>/dev/null || true
    end=$(( $(date +%s) + 10 ))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$(date +%s)" -ge "$end" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
      sleep 0.2
    done
  fi
  rm -f "$HOME_DIR"/run/*.pid "$MUNGE_DIR/munged.pid"
  echo "local cluster stopped"
}

cmd_status() {
  if [ "$(count_alive)" -eq 0 ]; then
    echo "not running"
    return 1
  fi
  sinfo -N -o '%N %P %t %c %m' || { echo "not running (daemons alive but slurmctld does not answer)"; return 1; }
  print_export
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
