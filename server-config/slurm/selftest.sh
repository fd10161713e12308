#!/usr/bin/env bash
# Starts the local two-node cluster, checks the behaviours the Slurm executor relies on (README, "Observed
# behaviour"), and stops it. Exit 0 when all hold, 1 on the first mismatch (the cluster is stopped either way).
# Takes about 75 s, most of it waiting for Slurm's time limit, which is at least one minute.
#
# It runs its own cluster (EEGWF_SLURM_HOME, EEGWF_SLURM_PORT below), so a cluster started by hand is left alone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export EEGWF_SLURM_HOME=${EEGWF_SLURM_SELFTEST_HOME:-${TMPDIR:-/tmp}/eegwf-slurm-selftest}
export EEGWF_SLURM_PORT=${EEGWF_SLURM_SELFTEST_PORT:-16827}
export SLURM_CONF=$EEGWF_SLURM_HOME/slurm.conf
cluster=$here/local-cluster.sh
t_start=$(date +%s)

fail() { echo "selftest: FAIL: $*" >&2; exit 1; }
ok() { echo "ok   $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# the states of a job's records in the form the executor reads: id|raw id|array index|state|node|reason
states() { squeue --states=all -h -j "$1" -o '%i|%A|%K|%T|%N|%r' 2>/dev/null; }
field() { scontrol show job -o "$1" | grep -o " $2=[^ ]*" | head -1 | cut -d= -f2; }
# wait (polling, with a deadline) until no record of the job is pending, running or completing
wait_done() {
  local job=$1 deadline=$(( $(date +%s) + $2 ))
  while states "$job" | grep -q -E '\|(PENDING|RUNNING|CONFIGURING|COMPLETING)\|'; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "job $job not finished within $2 s: $(states "$job" | tr '\n' ' ')"
    sleep 0.3
  done
}

"$cluster" start >/dev/null
trap '"$cluster" stop >/dev/null' EXIT

work=$EEGWF_SLURM_HOME/work/$(date +%Y%m%d-%H%M%S)-$$
mkdir -p "$work"
cd "$work"
submit() { sbatch --parsable --no-requeue -c 1 --chdir="$work" "$@"; }

# (c) first, because Slurm's time limits are whole minutes and it is the longest wait: 0:10 is rounded up to 1 min
t_timeout=$(now)
T=$(submit --mem=50M --time=0:10 --output=timeout.out --wrap 'sleep 300')
[ "$(field "$T" TimeLimit)" = "00:01:00" ] || fail "--time=0:10 gave TimeLimit=$(field "$T" TimeLimit), not 00:01:00"
ok "(c) --time=0:10 is accepted and rounded up to TimeLimit=00:01:00"

# (e) a command that exits 3
t_exit=$(now)
E=$(submit --mem=50M --time=1 --output=exit3.out --wrap 'echo before; exit 3')
# (b) over its memory: 500 MB touched under --mem=100M
t_mem=$(now)
M=$(submit --mem=100M --time=1 --output=oom.out --wrap '/usr/bin/python3 -c "
import time
b = bytearray(500 * 1024 * 1024)
for i in range(0, len(b), 4096): b[i] = 1
time.sleep(60)"')

wait_done "$E" 30
[ "$(states "$E")" = "$E|$E|N/A|FAILED|$(field "$E" NodeList)|NonZeroExitCode" ] || fail "exit 3: $(states "$E")"
[ "$(field "$E" ExitCode)" = "3:0" ] || fail "exit 3: ExitCode=$(field "$E" ExitCode)"
ok "(e) exit 3: $(states "$E"), ExitCode=3:0 ($(since "$t_exit") s)"

wait_done "$M" 30
m_state=$(field "$M" JobState)
case $m_state in
  OUT_OF_MEMORY) ok "(b) over --mem: OUT_OF_MEMORY ($(since "$t_mem") s)" ;;
  FAILED)
    # without cgroups the limit is enforced by sampling, and the job ends FAILED; its output says why
    grep -q 'error: Exceeded job memory limit' oom.out \
      || fail "over --mem: FAILED without the memory message: $(cat oom.out)"
    ok "(b) over --mem: $(states "$M"), ExitCode=$(field "$M" ExitCode)," \
      "output says 'Exceeded job memory limit' ($(since "$t_mem") s)" ;;
  *) fail "over --mem: $(states "$M")" ;;
esac

# (a) an array spreads over both nodes; each task sees its node, index and ids
t_array=$(now)
A=$(submit --array=0-5%3 --mem=100M --time=1 --output='array_%a.out' \
  --wrap 'echo "$SLURMD_NODENAME $SLURM_ARRAY_JOB_ID $SLURM_ARRAY_TASK_ID $SLURM_JOB_ID"; sleep 2')
pending=$(states "$A" | grep '|PENDING|' | cut -d'|' -f1 | head -1)
# the elements not started yet are one record, 12_[3-5%3] (or 12_5 when only one is left)
[[ -z $pending || $pending =~ ^${A}_\[[0-9,-]+%3\]$ || $pending =~ ^${A}_[0-9]+$ ]] \
  || fail "array: pending record '$pending'"
wait_done "$A" 60
[ "$(states "$A" | grep -c '|COMPLETED|')" -eq 6 ] || fail "array: $(states "$A" | tr '\n' ' ')"
nodes=$(states "$A" | cut -d'|' -f5 | sort -u | paste -sd,)
[ "$nodes" = "n1,n2" ] || fail "array ran on $nodes only"
for i in 0 1 2 3 4 5; do
  rec=$(states "$A" | grep "^${A}_$i|")
  read -r node ajob task jobid <"array_$i.out"
  [ "$node|$ajob|$task|$jobid" = "$(cut -d'|' -f5 <<<"$rec")|$A|$i|$(cut -d'|' -f2 <<<"$rec")" ] \
    || fail "array task $i saw '$node $ajob $task $jobid', squeue says '$rec'"
done
ok "(a) 6-element array on $nodes, SLURMD_NODENAME/SLURM_ARRAY_*/SLURM_JOB_ID match squeue ($(since "$t_array") s)"

# (d) scancel of a running array: running and pending records all CANCELLED
C=$(submit --array=0-5%2 --mem=50M --time=5 --output='cancel_%a.out' --wrap 'sleep 300')
deadline=$(( $(date +%s) + 30 ))
until states "$C" | grep -q '|RUNNING|'; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "cancel array never ran: $(states "$C" | tr '\n' ' ')"
  sleep 0.2
done
t_cancel=$(now)
scancel "$C"
wait_done "$C" 10
cancel_took=$(since "$t_cancel")
[ -z "$(states "$C" | grep -v '|CANCELLED|')" ] || fail "after scancel: $(states "$C" | tr '\n' ' ')"
ok "(d) scancel: all $(states "$C" | wc -l) records CANCELLED in $cancel_took s"

wait_done "$T" 150
[ "$(states "$T")" = "$T|$T|N/A|TIMEOUT|$(field "$T" NodeList)|TimeLimit" ] || fail "over time: $(states "$T")"
grep -q 'CANCELLED AT .* DUE TO TIME LIMIT' timeout.out || fail "over time: output lacks the time limit message"
ok "(c) over --time: $(states "$T"), ExitCode=$(field "$T" ExitCode), after $(since "$t_timeout") s"

echo "selftest passed in $(( $(date +%s) - t_start )) s"
