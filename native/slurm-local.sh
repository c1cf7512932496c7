#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the Slurm integration test (CI, or a workstation).
#   native/slurm-local.sh start   install (Debian) and start munged, slurmctld and slurmd; wait until sinfo answers
#   native/slurm-local.sh stop    stop the daemons this script started (by the pids it recorded)
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
    runuser -u munge -- munged --socket="$state/munge/munge.socket.2" --pid-file="$state/munge/munged.pid" --force
}

start() {
    install_packages
    if [ -f "$state/started" ]; then
        echo "slurm-local: already started (state in $state); stop it first" >&2
        exit 1
    fi
    write_config
    start_munge
    slurmctld -D -i >"$state/log/slurmctld.out" 2>&1 &
    echo $! > "$state/slurmctld.launcher.pid"
    slurmd -D >"$state/log/slurmd.out" 2>&1 &
    echo $! > "$state/slurmd.launcher.pid"
    touch "$state/started"
    for _ in $(seq 1 60); do
        if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
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

stop() {
    stop_pid_file "$state/slurmd.launcher.pid"
    stop_pid_file "$state/slurmctld.launcher.pid"
    stop_pid_file "$state/munge/munged.pid"
    rm -f "$state/started"
    echo "slurm-local: stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
