"""The baseline of bench/drift-report.mjs: the same report's statistics by pandas and SciPy, column by
column as a Python user writes them: read both CSVs, then per numeric column the chosen test
(normed Wasserstein, or KS), per categorical column Jensen-Shannon on the category shares.
Prints {"loadMs", "statsMs", "columns": {name: statistic}} as JSON."""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

baseline_path, current_path, numeric_test, categorical = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4].split(","))

started = time.perf_counter()
reference = pd.read_csv(baseline_path)
current = pd.read_csv(current_path)
loaded = time.perf_counter()

results = {}
for column in reference.columns:
    ref = reference[column].dropna()
    cur = current[column].dropna()
    if column in categorical:
        keys = sorted(set(ref.unique()) | set(cur.unique()), key=str)
        p = ref.value_counts(normalize=True).reindex(keys, fill_value=0).to_numpy()
        q = cur.value_counts(normalize=True).reindex(keys, fill_value=0).to_numpy()
        results[column] = float(distance.jensenshannon(p, q))
    elif numeric_test == "ks":
        results[column] = float(stats.ks_2samp(ref.to_numpy(), cur.to_numpy()).pvalue)
    else:
        results[column] = float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001))
done = time.perf_counter()
print(json.dumps({"loadMs": (loaded - started) * 1000, "statsMs": (done - loaded) * 1000, "columns": results}))
