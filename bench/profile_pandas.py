#!/usr/bin/python3
"""The same statistics as `mlw data profile`, computed independently with pandas, NumPy and SciPy.

Serves two purposes: the baseline of bench/profile-vs-pandas.mjs (timed end to end from the CSV),
and the independent check in src/main/services/datasets/profile/profile.test.ts.
Run with Debian's /usr/bin/python3 (python3-pandas, python3-scipy).
Usage: /usr/bin/python3 bench/profile_pandas.py FILE.csv [--spearman-rows 100000] > stats.json
Prints JSON; timings of each step go to stderr.
"""
import json
import re
import sys
import time

import numpy as np
import pandas as pd
from scipy.stats.contingency import association

MAX_BINS = 30
TOP = 10
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")


def clean(value):
    """JSON-safe: NaN and infinities become None, NumPy scalars plain numbers."""
    if value is None:
        return None
    if isinstance(value, (np.floating, float)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def main():
    path = sys.argv[1]
    spearman_rows = int(sys.argv[sys.argv.index("--spearman-rows") + 1]) if "--spearman-rows" in sys.argv else 100_000
    started = time.perf_counter()
    df = pd.read_csv(path)
    # Text columns that hold ISO dates become datetimes, as DuckDB's sniffer types them.
    for name in df.columns:
        if df[name].dtype == object:
            first = df[name].dropna()
            if len(first) and isinstance(first.iloc[0], str) and ISO_DATE.match(first.iloc[0]):
                sample = first.iloc[0]
                fmt = "%Y-%m-%d" if len(sample) == 10 else "%Y-%m-%d %H:%M:%S" if len(sample) == 19 else None
                df[name] = pd.to_datetime(df[name], format=fmt)
    print(f"read_csv {time.perf_counter() - started:.2f}s", file=sys.stderr)
    rows = len(df)
    out = {"rows": rows, "columns": {}}
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    for name in df.columns:
        s = df[name]
        col = {"count": int(s.count()), "missing": int(s.isna().sum()), "distinct": int(s.nunique())}
        if name in numeric:
            finite = s.replace([np.inf, -np.inf], np.nan).dropna().astype(float)
            q = finite.quantile([0.05, 0.25, 0.5, 0.75, 0.95]).tolist() if len(finite) else [None] * 5
            col.update(
                mean=clean(finite.mean()), std=clean(finite.std()), min=clean(finite.min()), max=clean(finite.max()),
                p5=clean(q[0]), p25=clean(q[1]), p50=clean(q[2]), p75=clean(q[3]), p95=clean(q[4]),
                skewness=clean(finite.skew()), kurtosis=clean(finite.kurt()),
                zeros=int((s == 0).sum()), negatives=int((s < 0).sum()), infinities=int(np.isinf(s).sum()),
            )
            if len(finite):
                lo, hi = finite.min(), finite.max()
                # Integer columns (pandas holds those with missing values as floats, hence the
                # whole-number test): integer-wide bins over [min, max + 1), as the profile bins them.
                if hi > lo and (pd.api.types.is_integer_dtype(s) or bool((finite == np.floor(finite)).all())):
                    width = int(np.ceil((hi - lo + 1) / MAX_BINS))
                    edges = lo + np.arange(int(np.ceil((hi - lo + 1) / width)) + 1) * width
                    counts, _ = np.histogram(finite, bins=edges)
                else:
                    bins = max(1, min(MAX_BINS, finite.nunique())) if hi > lo else 1
                    counts, _ = np.histogram(finite, bins=bins, range=(lo, hi))
                col["histogram"] = counts.tolist()
        elif pd.api.types.is_bool_dtype(s):
            col.update(trueCount=int(s.sum()), falseCount=int((~s.astype(bool)).sum() - s.isna().sum()))
        elif pd.api.types.is_datetime64_any_dtype(s):
            col.update(min=str(s.min()), max=str(s.max()))
        else:
            text = s.dropna().astype(str)
            counts = text.value_counts()
            col["top"] = [[str(k), int(v)] for k, v in counts.head(TOP).items()] if counts.size and counts.iloc[0] > 1 else []
            lengths = text.str.len()
            col.update(lengthMin=clean(lengths.min()), lengthMean=clean(lengths.mean()), lengthMax=clean(lengths.max()),
                       emptyStrings=int((text == "").sum()))
        out["columns"][name] = col
    print(f"columns {time.perf_counter() - started:.2f}s", file=sys.stderr)
    finite_numeric = df[numeric].replace([np.inf, -np.inf], np.nan).astype(float)
    out["pearson"] = {"columns": numeric, "values": finite_numeric.corr(method="pearson").applymap(clean).values.tolist()}
    ranked = finite_numeric if rows <= spearman_rows else finite_numeric.sample(spearman_rows, random_state=42)
    out["spearman"] = {"columns": numeric, "values": ranked.corr(method="spearman").applymap(clean).values.tolist()}
    print(f"correlations {time.perf_counter() - started:.2f}s", file=sys.stderr)
    categorical = [c for c in df.columns if df[c].dtype == object and 1 < df[c].nunique() <= 100]
    cramer = {}
    for i, a in enumerate(categorical):
        for b in categorical[i + 1:]:
            cramer[f"{a},{b}"] = float(association(pd.crosstab(df[a], df[b]).values, method="cramer"))
    out["cramersV"] = cramer
    out["duplicates"] = int(df.duplicated().sum())
    with_missing = [c for c in df.columns if df[c].isna().any()]
    patterns = df[with_missing].isna().value_counts().head(TOP)
    out["missingPatterns"] = [
        {"columns": [c for c, missing in zip(with_missing, key if isinstance(key, tuple) else (key,)) if missing], "count": int(n)}
        for key, n in patterns.items()
    ]
    print(f"total {time.perf_counter() - started:.2f}s", file=sys.stderr)
    json.dump(out, sys.stdout)


main()
