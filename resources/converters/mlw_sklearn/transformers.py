"""Transformers: each takes a float tensor [N, F] and returns the name of its float output [N, F']."""
import numpy as np
from onnx import TensorProto

from .errors import not_covered, unsupported_setting


def scaler(graph, est, x):
    """(x - mean) / scale as scikit-learn computes it on float32 rows: each step in float64, rounded to float32.

    ONNX's Scaler (float32 offset, times a float32 reciprocal) differs in the last bit, enough to send
    a row the other way at a later tree's threshold.
    """
    if getattr(est, "with_mean", True) and est.mean_ is not None:
        x = float64_step(graph, "Sub", x, est.mean_, "centered")
    if getattr(est, "with_std", True) and est.scale_ is not None:
        x = float64_step(graph, "Div", x, est.scale_, "scaled")
    return x


def float64_step(graph, op, x, constant, hint):
    wide = graph.node("Cast", [x], "wide", to=TensorProto.DOUBLE)
    result = graph.node(op, [wide, graph.constant(np.asarray(constant, dtype=np.float64))], f"{hint}_wide")
    return graph.node("Cast", [result], hint, to=TensorProto.FLOAT)


def min_max_scaler(graph, est, x):
    if getattr(est, "clip", False):
        raise unsupported_setting(est, "clip=True")
    scaled = graph.node("Mul", [x, graph.constant(est.scale_.astype(np.float32))])
    return graph.node("Add", [scaled, graph.constant(est.min_.astype(np.float32))], "minmax")


def simple_imputer(graph, est, x):
    if getattr(est, "add_indicator", False):
        raise unsupported_setting(est, "add_indicator=True")
    missing = est.missing_values
    if not (isinstance(missing, float) and np.isnan(missing)) and not isinstance(missing, (int, float)):
        raise unsupported_setting(est, f"missing_values={missing!r}")
    statistics = np.asarray(est.statistics_, dtype=np.float64)
    kept = np.where(~np.isnan(statistics))[0]
    imputed = graph.ml(
        "Imputer",
        [x],
        "imputed",
        imputed_value_floats=[float(v) for v in np.where(np.isnan(statistics), 0.0, statistics)],
        replaced_value_float=float(missing),
    )
    if len(kept) == len(statistics):
        return imputed
    # scikit-learn drops the columns that were empty in training (no statistic to impute with)
    return graph.node("Gather", [imputed, graph.constant(kept.astype(np.int64))], "kept", axis=1)


def one_hot_encoder(graph, est, x):
    drop = getattr(est, "drop_idx_", None)
    columns = []
    for index, categories in enumerate(est.categories_):
        try:
            values = np.asarray(categories, dtype=np.float32)
        except (TypeError, ValueError):
            raise unsupported_setting(est, "string categories (the workbench's converter takes one numeric input tensor)")
        if getattr(est, "infrequent_categories_", None) and est.infrequent_categories_[index] is not None:
            raise unsupported_setting(est, "infrequent categories (min_frequency / max_categories)")
        if drop is not None and drop[index] is not None:
            values = np.delete(values, int(drop[index]))
        if len(values) == 0:
            continue
        column = graph.node("Gather", [x, graph.constant(np.array([index], dtype=np.int64))], "column", axis=1)
        equal = graph.node("Equal", [column, graph.constant(values.reshape(1, -1))])
        columns.append(graph.node("Cast", [equal], "onehot", to=1))
    return columns[0] if len(columns) == 1 else graph.node("Concat", columns, "onehot", axis=1)


def normalizer(graph, est, x):
    norms = {"l1": "L1", "l2": "L2", "max": "MAX"}
    return graph.ml("Normalizer", [x], "normalized", norm=norms[est.norm])


def column_transformer(graph, est, x, transform):
    parts = []
    names = list(getattr(est, "feature_names_in_", []))
    for name, inner, columns in est.transformers_:
        if inner == "drop":
            continue
        indices = column_indices(columns, names, est.n_features_in_)
        if len(indices) == 0:
            continue
        selected = graph.node("Gather", [x, graph.constant(np.array(indices, dtype=np.int64))], f"columns_{name}", axis=1)
        parts.append(selected if inner == "passthrough" else transform(graph, inner, selected))
    return parts[0] if len(parts) == 1 else graph.node("Concat", parts, "columns", axis=1)


def column_indices(columns, names, n_features):
    if isinstance(columns, slice):
        return list(range(n_features))[columns]
    values = list(np.atleast_1d(columns))
    if values and isinstance(values[0], (bool, np.bool_)):
        return [i for i, keep in enumerate(values) if keep]
    if values and isinstance(values[0], str):
        return [names.index(value) for value in values]
    return [int(value) for value in values]


TRANSFORMERS = {
    "StandardScaler": scaler,
    "MinMaxScaler": min_max_scaler,
    "SimpleImputer": simple_imputer,
    "OneHotEncoder": one_hot_encoder,
    "Normalizer": normalizer,
}


def transform(graph, est, x):
    kind = type(est).__name__
    if kind == "Pipeline":
        for _, step in est.steps:
            if step not in (None, "passthrough"):
                x = transform(graph, step, x)
        return x
    if kind == "ColumnTransformer":
        return column_transformer(graph, est, x, transform)
    if kind == "FunctionTransformer" and est.func is None:
        return x
    if kind in TRANSFORMERS:
        return TRANSFORMERS[kind](graph, est, x)
    raise not_covered(est)
