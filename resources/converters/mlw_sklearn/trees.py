"""Tree models as ai.onnx.ml TreeEnsembleRegressor and TreeEnsembleClassifier."""
import numpy as np
from onnx import TensorProto

from .errors import unsupported_setting
from .labels import class_labels, label_from_index


def float32_threshold(threshold):
    """The float32 threshold that splits float32 inputs as sklearn's float64 one does.

    ONNX stores thresholds as float32; rounding t up would send an input equal to the rounded value
    left in ONNX but right in sklearn (x <= t is false there), so such a threshold steps down one ulp.
    """
    value = np.float32(threshold)
    if value > threshold:
        value = np.nextafter(value, np.float32(-np.inf))
    return float(value)


def tree_nodes(tree, tree_id):
    """The node attributes of one fitted sklearn tree (x <= threshold goes left, as in sklearn)."""
    leaf = tree.children_left == -1
    count = tree.node_count
    return {
        "nodes_treeids": [tree_id] * count,
        "nodes_nodeids": list(range(count)),
        "nodes_featureids": [int(f) if not is_leaf else 0 for f, is_leaf in zip(tree.feature, leaf)],
        "nodes_modes": ["LEAF" if is_leaf else "BRANCH_LEQ" for is_leaf in leaf],
        "nodes_values": [float32_threshold(t) if not is_leaf else 0.0 for t, is_leaf in zip(tree.threshold, leaf)],
        "nodes_truenodeids": [int(c) if c >= 0 else 0 for c in tree.children_left],
        "nodes_falsenodeids": [int(c) if c >= 0 else 0 for c in tree.children_right],
        "nodes_missing_value_tracks_true": [0] * count,
        "nodes_hitrates": [1.0] * count,
    }


def merge(parts):
    merged = {}
    for part in parts:
        for key, values in part.items():
            merged.setdefault(key, []).extend(values)
    return merged


def leaf_weights(tree, tree_id, scale, prefix, column_of=None):
    """Leaf values as `<prefix>_*` attributes: one entry per leaf and output column, times `scale`."""
    values = tree.value  # [nodes, outputs, classes]
    rows = {f"{prefix}_treeids": [], f"{prefix}_nodeids": [], f"{prefix}_ids": [], f"{prefix}_weights": []}
    for node in np.where(tree.children_left == -1)[0]:
        leaf = column_of(values[node]) if column_of else values[node][:, 0]
        for index, weight in enumerate(leaf):
            rows[f"{prefix}_treeids"].append(tree_id)
            rows[f"{prefix}_nodeids"].append(int(node))
            rows[f"{prefix}_ids"].append(index)
            rows[f"{prefix}_weights"].append(float(weight) * scale)
    return rows


def fitted_trees(est):
    if hasattr(est, "tree_"):
        return [est.tree_]
    return [member.tree_ for member in est.estimators_]


def tree_regressor(graph, est, x):
    trees = fitted_trees(est)
    targets = int(getattr(est, "n_outputs_", 1))
    scale = 1.0 / len(trees)
    attributes = merge(
        [tree_nodes(tree, i) for i, tree in enumerate(trees)]
        + [leaf_weights(tree, i, scale, "target") for i, tree in enumerate(trees)]
    )
    variable = graph.ml("TreeEnsembleRegressor", [x], "variable", n_targets=targets, aggregate_function="SUM", **attributes)
    return [(variable, "variable", TensorProto.FLOAT, ["N", targets])]


def tree_classifier(graph, est, x):
    if int(getattr(est, "n_outputs_", 1)) != 1:
        raise unsupported_setting(est, "several outputs (multi-output classification)")
    trees = fitted_trees(est)
    scale = 1.0 / len(trees)

    def fractions(value):
        counts = value[0]
        total = counts.sum()
        return counts / total if total > 0 else counts

    labels, element = class_labels(est)
    if "classlabels_ints" in labels:  # the tree ensemble's attribute is spelled differently
        labels = {"classlabels_int64s": labels.pop("classlabels_ints")}
    attributes = merge(
        [tree_nodes(tree, i) for i, tree in enumerate(trees)]
        + [leaf_weights(tree, i, scale, "class", fractions) for i, tree in enumerate(trees)]
    )
    label, probabilities = graph.ml("TreeEnsembleClassifier", [x], "trees", outputs=2, post_transform="NONE", **labels, **attributes)
    return [(label, "label", element, ["N"]), (probabilities, "probabilities", TensorProto.FLOAT, ["N", len(est.classes_)])]


def boosting_raw(graph, est, x, columns):
    """The raw score init + learning_rate * sum(trees) as a TreeEnsembleRegressor with `columns` targets."""
    parts = []
    for stage, row in enumerate(est.estimators_):
        for column, member in enumerate(row):
            tree_id = stage * columns + column
            parts.append(tree_nodes(member.tree_, tree_id))
            weights = leaf_weights(member.tree_, tree_id, est.learning_rate, "target")
            weights["target_ids"] = [column] * len(weights["target_ids"])
            parts.append(weights)
    if est.init_ == "zero":
        base = np.zeros(columns)
    else:
        base = np.asarray(est._raw_predict_init(np.zeros((1, est.n_features_in_), dtype=np.float32)), dtype=np.float64).ravel()
    return graph.ml(
        "TreeEnsembleRegressor", [x], "raw", n_targets=columns, aggregate_function="SUM", base_values=[float(v) for v in base], **merge(parts)
    )


def gradient_boosting_regressor(graph, est, x):
    return [(boosting_raw(graph, est, x, 1), "variable", TensorProto.FLOAT, ["N", 1])]


def gradient_boosting_classifier(graph, est, x):
    loss = getattr(est, "loss", "log_loss")
    if loss not in ("log_loss", "deviance"):
        raise unsupported_setting(est, f"loss={loss!r}")
    classes = len(est.classes_)
    columns = 1 if classes == 2 else classes
    raw = boosting_raw(graph, est, x, columns)
    if classes == 2:
        positive = graph.node("Sigmoid", [raw], "positive")
        negative = graph.node("Sub", [graph.constant(np.array([[1.0]], dtype=np.float32)), positive], "negative")
        probabilities = graph.node("Concat", [negative, positive], "probabilities", axis=1)
    else:
        probabilities = graph.node("Softmax", [raw], "probabilities", axis=1)
    index = graph.node("ArgMax", [probabilities], "index", axis=1, keepdims=0)
    label, element = label_from_index(graph, est, index)
    return [(label, "label", element, ["N"]), (probabilities, "probabilities", TensorProto.FLOAT, ["N", classes])]
