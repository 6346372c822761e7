"""Prints reference/current splits of scikit-learn's bundled data sets (no download) as JSON on stdout.

Each split is {"name", "reference", "current"} for a numeric feature, or {"name", "referenceCounts",
"currentCounts"} for a categorical one (counts per category, categories in sorted order).
Run with Debian's /usr/bin/python3 (python3-sklearn). Used by test/driftStatistics.scipy.test.ts.
"""
import json
import sys

import numpy as np
from sklearn import datasets


def numeric(name, reference, current):
    return {"name": name, "reference": [float(v) for v in reference], "current": [float(v) for v in current]}


def categorical(name, reference, current):
    categories = sorted(set(reference.tolist()) | set(current.tolist()))
    return {
        "name": name,
        "referenceCounts": [int(np.sum(reference == c)) for c in categories],
        "currentCounts": [int(np.sum(current == c)) for c in categories],
    }


def halves(values):
    middle = len(values) // 2
    return values[:middle], values[middle:]


def main():
    splits = []
    iris = datasets.load_iris()
    for f, feature in enumerate(iris.feature_names):
        column = iris.data[:, f]
        splits.append(numeric(f"iris {feature}: setosa vs versicolor", column[iris.target == 0], column[iris.target == 1]))
        splits.append(numeric(f"iris {feature}: versicolor vs virginica", column[iris.target == 1], column[iris.target == 2]))
    wine = datasets.load_wine()
    for f, feature in enumerate(wine.feature_names):
        column = wine.data[:, f]
        splits.append(numeric(f"wine {feature}: class 0 vs class 1", column[wine.target == 0], column[wine.target == 1]))
    wine_ref, wine_cur = halves(wine.target)
    splits.append(categorical("wine class: first vs second half", wine_ref, wine_cur))
    cancer = datasets.load_breast_cancer()
    for f, feature in enumerate(cancer.feature_names):
        splits.append(numeric(f"breast_cancer {feature}: halves", *halves(cancer.data[:, f])))
        column = cancer.data[:, f]
        splits.append(numeric(f"breast_cancer {feature}: malignant vs benign", column[cancer.target == 0], column[cancer.target == 1]))
    splits.append(categorical("breast_cancer diagnosis: halves", *halves(cancer.target)))
    diabetes = datasets.load_diabetes()
    for f, feature in enumerate(diabetes.feature_names):
        splits.append(numeric(f"diabetes {feature}: halves", *halves(diabetes.data[:, f])))
    splits.append(numeric("diabetes target: halves", *halves(diabetes.target)))
    digits = datasets.load_digits()
    for pixel in (5, 12, 20, 28, 36, 43, 50, 60):
        splits.append(numeric(f"digits pixel {pixel}: halves", *halves(digits.data[:, pixel])))
        splits.append(categorical(f"digits pixel {pixel} values: halves", *halves(digits.data[:, pixel])))
    splits.append(categorical("digits class: halves", *halves(digits.target)))
    splits.append(categorical("digits class: 0-4 rows vs 5-9 rows", digits.target[digits.target < 5], digits.target[digits.target >= 3]))
    json.dump(splits, sys.stdout)


if __name__ == "__main__":
    main()
