#!/usr/bin/env bash
# Installs an OpenCL CPU runtime on Debian/Ubuntu and checks that stromasim can use it:
#   ocl-icd-libopencl1   the ICD loader (libOpenCL.so.1), which dispatches to the installed drivers
#   ocl-icd-opencl-dev   the unversioned libOpenCL.so that JOCL loads (without it: UnsatisfiedLinkError)
#   pocl-opencl-icd      PoCL, a portable OpenCL driver for CPUs (LLVM-compiled kernels)
#   clinfo               lists platforms and devices, for the check below
# Usage: sudo native/install-opencl-cpu.sh [path/to/stromasim.jar]
set -euo pipefail

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-opencl-cpu: this script is for Debian/Ubuntu (apt-get not found)." >&2
    echo "Elsewhere install an OpenCL ICD loader providing libOpenCL.so and an OpenCL driver (e.g. PoCL)." >&2
    exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    ocl-icd-libopencl1 ocl-icd-opencl-dev pocl-opencl-icd clinfo

echo "install-opencl-cpu: checking"
if ! ldconfig -p | grep -q 'libOpenCL\.so '; then
    echo "install-opencl-cpu: libOpenCL.so (unversioned) is not in the linker cache; JOCL will not load it." >&2
    exit 1
fi
if ! clinfo -l | grep -q 'Device'; then
    echo "install-opencl-cpu: clinfo lists no OpenCL device; check /etc/OpenCL/vendors/*.icd." >&2
    clinfo -l >&2 || true
    exit 1
fi
clinfo -l
jar=${1:-$(dirname "$0")/../target/stromasim.jar}
if [ -f "$jar" ] && command -v java >/dev/null 2>&1; then
    java -jar "$jar" devices
fi
echo "install-opencl-cpu: OK"
