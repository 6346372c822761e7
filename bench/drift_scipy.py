"""The SciPy half of bench/drift-statistics.mjs: per column, scipy.stats.ks_2samp + the normed
wasserstein_distance + a numpy PSI on Evidently's Sturges bins. Prints times and results as JSON."""
import json
import sys
import time

import numpy as np
from scipy import stats


def psi(reference, current):
    bins = np.histogram_bin_edges(np.concatenate([reference, current]), bins="sturges")
    ref = np.histogram(reference, bins)[0] / len(reference)
    cur = np.histogram(current, bins)[0] / len(current)
    for p in (ref, cur):
        smallest = p[p != 0].min()
        np.place(p, p == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return float(np.sum((ref - cur) * np.log(ref / cur)))


def main():
    directory, columns, runs = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
    inputs = [(c, np.fromfile(f"{directory}/{c}-ref.f64"), np.fromfile(f"{directory}/{c}-cur.f64")) for c in columns]
    times, results = [], {}
    for _ in range(runs):
        started = time.perf_counter()
        for column, reference, current in inputs:
            ks = stats.ks_2samp(reference, current)
            wasserstein = stats.wasserstein_distance(reference, current) / max(float(np.std(reference)), 0.001)
            results[column] = {"ks": ks.statistic, "ksP": ks.pvalue, "wasserstein": wasserstein, "psi": psi(reference, current)}
        times.append((time.perf_counter() - started) * 1000)
    json.dump({"times": times, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
