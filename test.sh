#!/usr/bin/env bash
# The whole test suite (installs into .venv first when needed). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
set +e
.venv/bin/python -m pytest "$@"
rc=$?
# pytest exits 5 when it collected nothing: not a failure of the code.
[ "$rc" -eq 5 ] && rc=0
exit "$rc"
