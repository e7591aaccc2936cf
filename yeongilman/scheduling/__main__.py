"""python -m yeongilman.scheduling INSTANCE.json [--time-limit SECONDS]: prints the schedule."""

from __future__ import annotations

import argparse
import json
import sys

from yeongilman.scheduling.parsing import InstanceError, parse_instance
from yeongilman.scheduling.planner import plan


def main(argv: list[str] | None = None) -> int:
    """Read an instance file, print the schedule; a malformed instance exits 2 with a message."""
    parser = argparse.ArgumentParser(
        prog="python -m yeongilman.scheduling",
        description="Place accepted B2B meeting requests into slots and tables.",
    )
    parser.add_argument("instance", help="instance JSON file ('-' for standard input)")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_limit <= 0:
        parser.error("--time-limit must be positive")
    try:
        if args.instance == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.instance, encoding="utf-8") as handle:
                data = json.load(handle)
    except OSError as exc:
        print(f"error: cannot read {args.instance}: {exc.strerror}", file=sys.stderr)
        return 2
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"error: {args.instance} is not valid JSON: {exc}", file=sys.stderr)
        return 2
    try:
        instance = parse_instance(data)
    except InstanceError as exc:
        print(f"error: invalid instance: {exc}", file=sys.stderr)
        return 2
    schedule = plan(instance, time_limit=args.time_limit, seed=args.seed)
    json.dump(schedule.to_json(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
