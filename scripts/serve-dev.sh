#!/usr/bin/env bash
# `make run`'s last step: the processes of a Procfile side by side (honcho). Ctrl-C stops them
# all; honcho then answers 130, which make would print as an error, so a stop by Ctrl-C ends
# with 0 (the recipe runs this under bash, which waits for honcho before it exits).
procfile="${1:-Procfile.dev}"
.venv/bin/honcho -f "$procfile" start
status=$?
if [ "$status" -eq 130 ]; then
  echo "Stopped."
  exit 0
fi
exit "$status"
