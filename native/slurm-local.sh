#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the Slurm integration test (CI, or a workstation).
#   native/slurm-local.sh start       install (Debian) and start munged, slurmctld and slurmd; wait until sinfo
#                                     answers. If this script's cluster is already up, join it instead.
#   native/slurm-local.sh stop        leave the cluster; the last one to leave stops the daemons (by the pids
#                                     start recorded)
#   native/slurm-local.sh stop --all  stop the daemons whoever else is using them
# The cluster is shared: two runs on one machine (two CI checkouts, say) cannot each have their own, since
# the configuration and ports are machine-wide, so start and stop count users under a lock, and a marker left
# by a killed run whose daemons are gone is cleared rather than refused.
# Needs root. State lives under $SLURM_LOCAL_DIR (default /tmp/stromasim-slurm).
set -euo pipefail

state=${SLURM_LOCAL_DIR:-/tmp/stromasim-slurm}
conf_dir=/etc/slurm
host=$(hostname -s)

install_packages() {
    local missing=()
    for tool in slurmctld slurmd sbatch munged; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
    fi
}

write_config() {
    local cpus mem_mb
    cpus=$(nproc)
    mem_mb=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
    mkdir -p "$conf_dir" "$state/ctld" "$state/d" "$state/log" "$state/munge"
    chown slurm:slurm "$state/ctld" 2>/dev/null || true
    cat > "$conf_dir/slurm.conf" <<CONF
# Written by stromasim native/slurm-local.sh: one node, this machine.
ClusterName=stromasim-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket.2
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
KillWait=30
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

start_munge() {
    # munged refuses a socket directory it does not own, or one that others may write to.
    chown munge:munge "$state/munge"
    chmod 0711 "$state/munge"
    if [ ! -s /etc/munge/munge.key ]; then
        mkdir -p /etc/munge
        dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
    fi
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
    mkdir -p /var/log/munge /var/lib/munge /run/munge
    chown munge:munge /var/log/munge /var/lib/munge /run/munge
    runuser -u munge -- munged --socket="$state/munge/munge.socket.2" --pid-file="$state/munge/munged.pid" --force 9>&-
}

node_ready() {
    sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'
}

daemons_alive() {
    local file
    for file in "$state/slurmctld.launcher.pid" "$state/slurmd.launcher.pid"; do
        [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null || return 1
    done
}

users() {
    cat "$state/users" 2>/dev/null || echo 0
}

lock() {
    mkdir -p "$state"
    exec 9>"$state/lock"
    flock 9
}
# The daemons are started with descriptor 9 closed: a daemon holding the lock would block every later
# start and stop.

start() {
    install_packages
    lock
    if [ -f "$state/started" ]; then
        if daemons_alive && node_ready; then
            echo $(( $(users) + 1 )) > "$state/users"
            echo "slurm-local: already up, joined ($(users) users; state in $state)"
            return 0
        fi
        echo "slurm-local: clearing a stale start (its daemons are gone or the node does not answer)"
        stop_daemons
    fi
    write_config
    start_munge
    slurmctld -D -i >"$state/log/slurmctld.out" 2>&1 9>&- &
    echo $! > "$state/slurmctld.launcher.pid"
    slurmd -D >"$state/log/slurmd.out" 2>&1 9>&- &
    echo $! > "$state/slurmd.launcher.pid"
    touch "$state/started"
    echo 1 > "$state/users"
    for _ in $(seq 1 60); do
        if node_ready; then
            echo "slurm-local: up ($(sinfo -h -o '%P %D %T %C'))"
            return 0
        fi
        sleep 1
    done
    echo "slurm-local: the node did not become idle in 60 s; logs:" >&2
    tail -n 20 "$state/log/"*.log "$state/log/"*.out >&2 || true
    exit 1
}

stop_pid_file() {
    local file=$1
    if [ -f "$file" ]; then
        local pid
        pid=$(cat "$file")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 20); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.5
            done
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$file"
    fi
}

stop_daemons() {
    stop_pid_file "$state/slurmd.launcher.pid"
    stop_pid_file "$state/slurmctld.launcher.pid"
    stop_pid_file "$state/munge/munged.pid"
    rm -f "$state/started" "$state/users"
}

stop() {
    local all=${1:-}
    lock
    local remaining=$(( $(users) - 1 ))
    if [ "$all" != "--all" ] && [ "$remaining" -gt 0 ]; then
        echo "$remaining" > "$state/users"
        echo "slurm-local: left the cluster; $remaining other user(s) keep it running"
        return 0
    fi
    stop_daemons
    echo "slurm-local: stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop [--all]" >&2; exit 2 ;;
esac
