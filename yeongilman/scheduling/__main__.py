"""python -m yeongilman.scheduling INSTANCE.json [--time-limit SECONDS]: prints the schedule."""

from __future__ import annotations

import argparse
import json
import math
import sys

from yeongilman.scheduling.parsing import InstanceError, parse_instance
from yeongilman.scheduling.planner import plan

MAX_SECONDS = 24 * 3600.0


def _seconds(raw: str) -> float:
    """A time limit: a finite number of seconds above zero (no NaN, no infinity)."""
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{raw}' is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0 or value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds above 0 and at most {MAX_SECONDS:g}, not '{raw}'"
        )
    return value


def main(argv: list[str] | None = None) -> int:
    """Read an instance file, print the schedule; a malformed instance exits 2 with a message."""
    parser = argparse.ArgumentParser(
        prog="python -m yeongilman.scheduling",
        description="Place accepted B2B meeting requests into slots and tables.",
    )
    parser.add_argument("instance", help="instance JSON file ('-' for standard input)")
    parser.add_argument(
        "--time-limit", type=_seconds, default=30.0, help="seconds, more than 0 (default 30)"
    )
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.instance == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.instance, encoding="utf-8") as handle:
                data = json.load(handle)
    except OSError as exc:
        print(f"error: cannot read {args.instance}: {exc.strerror}", file=sys.stderr)
        return 2
    except ValueError as exc:  # bad JSON, bad UTF-8, a number with thousands of digits
        print(f"error: {args.instance} is not valid JSON: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"error: {args.instance} is nested too deeply to be an instance", file=sys.stderr)
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
