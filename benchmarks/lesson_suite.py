"""Wall time of the whole lesson suite under strict nbval, and of each lesson.

Runs ``pytest --nbval`` over ``notebooks/`` as ``make test`` does and reads the
per-lesson durations from pytest's own report. Target: at most 90 s in all on
the 2-core machine.
"""

import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/sanitize.cfg"]


def main():
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        *NBVAL,
        "notebooks",
        "-q",
        "--durations=0",
        "--durations-min=0",
        "-p",
        "no:cacheprovider",
    ]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    total = time.perf_counter() - start
    per_lesson = defaultdict(float)
    for seconds, name in re.findall(
        r"^([\d.]+)s \w+ +notebooks/(\S+?\.ipynb)::", out.stdout, re.MULTILINE
    ):
        per_lesson[name] += float(seconds)
    for name, seconds in sorted(per_lesson.items()):
        print(f"{name:45s} {seconds:6.1f} s")
    verdict = out.stdout.strip().splitlines()[-1]
    print(f"{'whole suite (wall time)':45s} {total:6.1f} s (target <= 90)   [{verdict}]")
    return {"total_s": total, "lessons_s": per_lesson, "result": verdict}


if __name__ == "__main__":
    result = main()
    Path(ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts/lesson_suite.json").write_text(json.dumps(result, indent=1))
