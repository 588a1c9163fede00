#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-checks `quire-cli agreement --ratings` against NLTK's independent implementation
(nltk.metrics.agreement.AnnotationTask, Debian's python3-nltk) on generated tables.

Usage: agreement_vs_nltk.py PATH/TO/quire-cli
Prints one line per comparison and a closing "N passed, M failed".
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance

TOLERANCE = 1e-9


def quire(cli, rows, coders, level):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["unit"] + coders)
        for unit, values in enumerate(rows, start=1):
            writer.writerow([unit] + ["" if v is None else v for v in values])
        path = f.name
    try:
        out = subprocess.run(
            [cli, "agreement", "--ratings", path, "--level", level, "--json"],
            check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    return json.loads(out)


def nltk_task(rows, coders, distance):
    triples = [(coders[c], str(u), v) for u, values in enumerate(rows)
               for c, v in enumerate(values) if v is not None]
    return AnnotationTask(data=triples, distance=distance)


def generate(rng, units, coders, categories, agreement, missing):
    rows = []
    for _ in range(units):
        truth = rng.randrange(categories)
        values = []
        for _ in range(coders):
            if rng.random() < missing:
                values.append(None)
            elif rng.random() < agreement:
                values.append(truth)
            else:
                values.append(rng.randrange(categories))
        # Krippendorff's alpha ignores units with fewer than two values; keep tables pairable.
        if sum(v is not None for v in values) >= 2:
            rows.append(values)
    return rows


def main():
    cli = sys.argv[1]
    rng = random.Random(20261128)
    passed = failed = 0

    def check(label, ours, theirs):
        nonlocal passed, failed
        ok = ours is not None and abs(ours - theirs) <= TOLERANCE
        print(f"{'ok  ' if ok else 'FAIL'} {label}: quire {ours} nltk {theirs}")
        passed += ok
        failed += not ok

    scenarios = [
        # units, coders, categories, agreement, missing share
        (50, 2, 2, 0.7, 0.0),
        (200, 2, 4, 0.6, 0.0),
        (120, 3, 3, 0.5, 0.0),
        (300, 4, 5, 0.8, 0.0),
        (150, 3, 4, 0.6, 0.2),
        (80, 5, 2, 0.4, 0.3),
    ]
    for i, (units, coders_n, categories, agreement, missing) in enumerate(scenarios, start=1):
        coders = [f"c{k}" for k in range(coders_n)]
        rows = generate(rng, units, coders_n, categories, agreement, missing)
        name = f"table {i} ({len(rows)} units, {coders_n} coders, {categories} categories, " \
               f"{int(missing * 100)}% missing)"
        nominal = quire(cli, rows, coders, "nominal")
        task = nltk_task(rows, coders, binary_distance)
        check(f"{name}: nominal alpha", nominal["krippendorff_alpha"], task.alpha())
        if missing == 0:
            check(f"{name}: percent agreement", nominal["percent_agreement"] / 100,
                  task.avg_Ao())
        if coders_n == 2 and missing == 0:
            check(f"{name}: Cohen's kappa", nominal["cohen_kappa"], task.kappa())
            check(f"{name}: Scott's pi", nominal["scott_pi"], task.pi())
            observed = len({v for row in rows for v in row if v is not None})
            if observed == categories:
                check(f"{name}: Brennan-Prediger (Bennett's S)", nominal["brennan_prediger"],
                      task.S())
        interval = quire(cli, rows, coders, "interval")
        task = nltk_task(rows, coders, interval_distance)
        check(f"{name}: interval alpha", interval["krippendorff_alpha"], task.alpha())

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
