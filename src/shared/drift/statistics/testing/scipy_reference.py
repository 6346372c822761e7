"""SciPy's (and Evidently's) answer for each drift-test case read as JSON from stdin.

Input: [{"id", "test", "reference", "current", "options"?}] where reference/current are values for a
numeric case, or {"counts": [...]} objects for a categorical one. Output: [{"id", "statistic",
"pValue"}] (null where the test has no p-value; "error" when SciPy raises).

The Evidently-defined scores (binning, zero fill, normed Wasserstein, z test) are written here from
Evidently's definitions with numpy/pandas, apart from the TypeScript, as the independent reference.
Run with Debian's /usr/bin/python3 (python3-scipy 1.10.1).
"""
import json
import math
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance


def binned(reference, current, fill_zeros):
    """Evidently's get_binned_data for numeric series."""
    if reference.nunique() > 20:
        bins = np.histogram_bin_edges(np.concatenate([reference.values, current.values]), bins="sturges")
        ref = np.histogram(reference, bins)[0] / len(reference)
        cur = np.histogram(current, bins)[0] / len(current)
    else:
        keys = list(set(reference.unique()) | set(current.unique()))
        ref_counts = reference.value_counts()
        cur_counts = current.value_counts()
        ref = np.array([ref_counts.get(k, 0) / len(reference) for k in keys])
        cur = np.array([cur_counts.get(k, 0) / len(current) for k in keys])
    return filled(ref, cur) if fill_zeros else (ref, cur)


def shares(reference_counts, current_counts, fill_zeros):
    ref = np.asarray(reference_counts, dtype=float)
    cur = np.asarray(current_counts, dtype=float)
    seen = (ref > 0) | (cur > 0)
    ref, cur = ref[seen] / ref.sum(), cur[seen] / cur.sum()
    return filled(ref, cur) if fill_zeros else (ref, cur)


def filled(ref, cur):
    def fill(p):
        p = p.copy()
        smallest = p[p != 0].min()
        np.place(p, p == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
        return p

    return fill(ref), fill(cur)


def psi(ref, cur):
    return float(np.sum((ref - cur) * np.log(ref / cur)))


def hellinger_numeric(reference, current):
    keys = list(set(reference.unique()) | set(current.unique()))
    bins = np.histogram_bin_edges(keys, bins="sturges")
    h1 = np.histogram(reference.to_numpy(), bins=bins, density=True)[0]
    h2 = np.histogram(current.to_numpy(), bins=bins, density=True)[0]
    bin_width = (max(bins) - min(bins)) / (len(bins) - 1)
    total = sum(math.sqrt(float(a) * float(b)) * bin_width for a, b in zip(h1, h2))
    return math.sqrt(1 - float(np.clip(total, 0, 1)))


def hellinger_shares(ref, cur):
    total = sum(math.sqrt(float(a) * float(b)) for a, b in zip(ref, cur))
    return math.sqrt(1 - float(np.clip(total, 0, 1)))


def z_test(reference_counts, current_counts):
    ref = np.asarray(reference_counts, dtype=float)
    cur = np.asarray(current_counts, dtype=float)
    if (ref > 0).sum() == 1 and (cur > 0).sum() == 1 and np.argmax(ref > 0) == np.argmax(cur > 0):
        return 0.0, 1.0
    n1, n2 = ref.sum(), cur.sum()
    p1, p2 = (n1 - ref[0]) / n1, (n2 - cur[0]) / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    # Evidently writes 2 * (1 - norm.cdf(|z|)); norm.sf keeps the small p-values it would round to 0.
    return float(z), float(2 * stats.norm.sf(abs(z)))


def chisquare(reference_counts, current_counts):
    ref = np.asarray(reference_counts, dtype=float)
    cur = np.asarray(current_counts, dtype=float)
    seen = (ref > 0) | (cur > 0)
    ref, cur = ref[seen], cur[seen]
    result = stats.chisquare(cur, ref * (cur.sum() / ref.sum()))
    return float(result.statistic), float(result.pvalue)


def numeric_case(test, reference, current, options):
    ref, cur = pd.Series(reference), pd.Series(current)
    if test == "ks":
        r = stats.ks_2samp(reference, current)
        return r.statistic, r.pvalue
    if test == "wasserstein":
        return stats.wasserstein_distance(reference, current) / max(float(np.std(reference)), 0.001), None
    if test == "wasserstein_raw":
        return stats.wasserstein_distance(reference, current), None
    if test == "ed":
        return stats.energy_distance(reference, current), None
    if test == "psi":
        return psi(*binned(ref, cur, True)), None
    if test == "kl_div":
        return stats.entropy(*binned(ref, cur, True)), None
    if test == "jensenshannon":
        return distance.jensenshannon(*binned(ref, cur, False)), None
    if test == "hellinger":
        return hellinger_numeric(ref, cur), None
    if test == "anderson":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = stats.anderson_ksamp([np.asarray(reference), np.asarray(current)])
        return r.statistic, r.significance_level
    if test == "cramer_von_mises":
        r = stats.cramervonmises_2samp(reference, current)
        return r.statistic, r.pvalue
    if test == "t_test":
        r = stats.ttest_ind(reference, current, equal_var=options.get("equalVariance", True))
        return r.statistic, r.pvalue
    if test == "mannw":
        r = stats.mannwhitneyu(reference, current, alternative=options.get("alternative", "less"))
        return r.statistic, r.pvalue
    raise ValueError(f"no numeric reference for {test}")


def categorical_case(test, reference_counts, current_counts):
    if test == "chisquare":
        return chisquare(reference_counts, current_counts)
    if test == "z":
        return z_test(reference_counts, current_counts)
    if test == "psi":
        return psi(*shares(reference_counts, current_counts, True)), None
    if test == "kl_div":
        return stats.entropy(*shares(reference_counts, current_counts, True)), None
    if test == "jensenshannon":
        return distance.jensenshannon(*shares(reference_counts, current_counts, False)), None
    if test == "hellinger":
        return hellinger_shares(*shares(reference_counts, current_counts, False)), None
    if test == "tvd":
        ref, cur = shares(reference_counts, current_counts, False)
        return 0.5 * float(np.sum(np.abs(ref - cur))), None
    raise ValueError(f"no categorical reference for {test}")


def answer(case):
    reference, current = case["reference"], case["current"]
    try:
        if isinstance(reference, dict):
            statistic, p = categorical_case(case["test"], reference["counts"], current["counts"])
        else:
            statistic, p = numeric_case(case["test"], reference, current, case.get("options", {}))
    except ValueError as error:
        return {"id": case["id"], "error": str(error)}
    return {"id": case["id"], "statistic": float(statistic), "pValue": None if p is None else float(p)}


def main():
    cases = json.load(sys.stdin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        json.dump([answer(case) for case in cases], sys.stdout, allow_nan=True)


if __name__ == "__main__":
    main()
