#!/usr/bin/env bash
# The agent container's idle cost: resident memory and CPU time over a quiet interval.
#
#   lab/images/measure-agent.sh unix:///var/lib/portal-lab/docker2/docker.sock pkg-agent [seconds=60]
#
# Reads the agent's own /proc entries from the root namespace (the container runs with --pid host, so the PID
# that dockerd reports is the host PID). CPU = utime + stime ticks consumed during the interval.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 unix:///path/docker.sock CONTAINER [seconds]" >&2; exit 64; }
socket=$1 container=$2 seconds=${3:-60}
pid=$(/usr/bin/docker -H "$socket" inspect --format '{{.State.Pid}}' "$container")
[[ "$pid" =~ ^[1-9][0-9]*$ ]] || { echo "$container is not running" >&2; exit 1; }
ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
start=$(cpu_ticks); rss_start=$(rss_kib)
sleep "$seconds"
end=$(cpu_ticks); rss_end=$(rss_kib)
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")
awk -v s="$start" -v e="$end" -v hz="$ticks_per_second" -v secs="$seconds" -v r0="$rss_start" -v r1="$rss_end" -v t="$threads" -v c="$(cat /proc/$pid/comm)" 'BEGIN {
  cpu = (e - s) / hz
  printf "process %s (pid '"$pid"'), %d threads\n", c, t
  printf "VmRSS %.1f MiB at start, %.1f MiB after %d s\n", r0 / 1024, r1 / 1024, secs
  printf "CPU %.2f s in %d s = %.2f%% of one core\n", cpu, secs, 100 * cpu / secs
}'
