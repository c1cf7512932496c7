#!/usr/bin/env bash
# Builds what a GPU or cluster node without a JDK needs to run stromasim, into one directory:
#   DIR/jre/               a slim Java runtime (jlink) with only the modules the jar uses
#   DIR/stromasim.jar      the application (shaded: all dependencies, JOCL's native glue and kernels/)
#   DIR/stromasim          a launcher script
# With --with-icd it also unpacks the OpenCL ICD loader (Debian package ocl-icd-libopencl1) into
# DIR/icd/ and adds the unversioned libOpenCL.so link JOCL needs, for nodes where it is not installed;
# the GPU driver itself (e.g. libnvidia-opencl.so.1) must come from the node.
# Nothing here is committed: run it on a build machine with a JDK 17 and Maven, copy DIR to the node.
# Usage: native/build-node-runtime.sh [--with-icd] [DIR]   (default DIR: target/node-runtime)
set -euo pipefail
cd "$(dirname "$0")/.."

with_icd=false
if [ "${1:-}" = "--with-icd" ]; then
    with_icd=true
    shift
fi
out=${1:-target/node-runtime}

for tool in mvn jlink jdeps; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build-node-runtime: $tool not found (needs a JDK 17 and Maven)" >&2; exit 1; }
done

mvn -q -DskipTests package
jar=target/stromasim.jar
rm -rf "$out"
mkdir -p "$out"
cp "$jar" "$out/stromasim.jar"

# The modules the jar needs, as jdeps finds them; jdk.unsupported for libraries using sun.misc.Unsafe,
# java.management for the peak-memory line; jdk.incubator.vector for the Java backend's vectorised row
# loops (the launcher below adds it to the boot layer; without it the same numbers come from scalar loops).
modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
modules="$modules,jdk.unsupported,java.management,jdk.incubator.vector"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/jre"

if $with_icd; then
    command -v apt-get >/dev/null 2>&1 || { echo "build-node-runtime: --with-icd needs apt-get (Debian/Ubuntu)" >&2; exit 1; }
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download ocl-icd-libopencl1 >/dev/null)
    dpkg -x "$tmp"/ocl-icd-libopencl1_*.deb "$out/icd"
    rm -rf "$tmp"
    libdir=$(dirname "$(find "$out/icd" -name 'libOpenCL.so.1' | head -1)")
    ln -sf libOpenCL.so.1 "$libdir/libOpenCL.so"
fi

cat > "$out/stromasim" <<'LAUNCHER'
#!/usr/bin/env bash
# stromasim on a node without a JDK: the bundled runtime, and the bundled ICD loader when present.
here=$(cd "$(dirname "$0")" && pwd)
icd=$(find "$here/icd" -name 'libOpenCL.so' -printf '%h\n' 2>/dev/null | head -1)
if [ -n "$icd" ]; then
    export LD_LIBRARY_PATH="$icd${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# Signal chaining: LLVM inside PoCL (and some GPU drivers) install SIGSEGV handlers that would take the
# JVM's own internal signals; libjsig lets both coexist.
if [ -f "$here/jre/lib/libjsig.so" ]; then
    export LD_PRELOAD="$here/jre/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
fi
# --add-modules jdk.incubator.vector: the Java backend's vectorised row loops (one "Using incubator
# modules" warning line at start).
exec "$here/jre/bin/java" --add-modules jdk.incubator.vector ${STROMASIM_JAVA_OPTS:-} "-Dstromasim.launcher=$0" \
    -jar "$here/stromasim.jar" "$@"
LAUNCHER
chmod +x "$out/stromasim"

"$out/stromasim" --version
echo "build-node-runtime: $(du -sh "$out" | cut -f1) in $out (modules: $modules)"
