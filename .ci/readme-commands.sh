#!/usr/bin/env bash
# Runs the command blocks of README.md in order (```sh with bash, ```python with python3) from the
# repository root, with target/ first on PATH so `stromasim` is the launcher the build wrote. A block
# is skipped when the line before it says `<!-- not run in CI: why -->`; blocks without a language
# (the test command, which .ci/run runs itself) and ```text blocks are not commands to run here.
# The outputs the README's commands create (runs/tour, runs/sweep, runs/sweep-cluster, sweep.yaml) are
# removed first, so the script can run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/target:$PATH"
rm -rf runs/tour runs/sweep runs/sweep-cluster sweep.yaml

blocks=$(mktemp -d)
trap 'rm -rf "$blocks"' EXIT
python3 - "$blocks" <<'PY'
import re, sys, pathlib
out = pathlib.Path(sys.argv[1])
lines = pathlib.Path("README.md").read_text(encoding="utf-8").split("\n")
n, i, previous = 0, 0, ""
while i < len(lines):
    m = re.match(r"^```(\w*)\s*$", lines[i])
    if not m:
        if lines[i].strip():
            previous = lines[i].strip()
        i += 1
        continue
    lang, body, i = m.group(1), [], i + 1
    while not lines[i].startswith("```"):
        body.append(lines[i])
        i += 1
    i += 1
    if lang in ("sh", "python") and not previous.startswith("<!-- not run in CI"):
        n += 1
        (out / f"{n:02d}.{'sh' if lang == 'sh' else 'py'}").write_text("\n".join(body) + "\n", encoding="utf-8")
    previous = "```"
PY
for block in "$blocks"/*; do
    echo "readme: running block $(basename "$block"):"
    sed 's/^/readme:   /' "$block"
    case "$block" in
        *.sh) bash -euo pipefail "$block" ;;
        *.py) python3 "$block" ;;
    esac
done
echo "readme: every command block ran"
rm -f sweep.yaml
