#!/usr/bin/env bash
# One command for a new user: install everything into .venv, then run the main job
# on a sample corpus (../shared/corpus when it is there, else the one we ship).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
corpus="../shared/corpus/reuters-islamic-state-2017-2019.txt"
[ -f "$corpus" ] || corpus="$(.venv/bin/python -c 'import dateline.sample as s; print(s.SAMPLE_CORPUS)')"
mkdir -p out
.venv/bin/dateline extract "$corpus" -o out/sample.jsonl
echo
echo "Records: out/sample.jsonl   Events as a spreadsheet: .venv/bin/dateline extract \"$corpus\" --merge -f events-csv -o out/events.csv"
echo "Browse them on a map: .venv/bin/dateline demo"
