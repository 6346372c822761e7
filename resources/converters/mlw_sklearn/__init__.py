"""The workbench's own scikit-learn to ONNX converter, for Pythons without skl2onnx (Debian ships none).

One float input [N, features]; classifiers give `label` [N] and `probabilities` [N, classes]
(no ZipMap), regressors `variable` [N, targets]. See errors.COVERED_* for what it covers.
"""
from .errors import COVERED_ESTIMATORS, COVERED_TRANSFORMERS, covered_text, not_covered
from .graph import Graph
from .linear import linear_regressor, logistic_regression
from .transformers import transform
from .trees import gradient_boosting_classifier, gradient_boosting_regressor, tree_classifier, tree_regressor

ESTIMATORS = {
    "LinearRegression": linear_regressor,
    "Ridge": linear_regressor,
    "Lasso": linear_regressor,
    "ElasticNet": linear_regressor,
    "LogisticRegression": logistic_regression,
    "DecisionTreeClassifier": tree_classifier,
    "DecisionTreeRegressor": tree_regressor,
    "RandomForestClassifier": tree_classifier,
    "RandomForestRegressor": tree_regressor,
    "ExtraTreesClassifier": tree_classifier,
    "ExtraTreesRegressor": tree_regressor,
    "GradientBoostingClassifier": gradient_boosting_classifier,
    "GradientBoostingRegressor": gradient_boosting_regressor,
}

__all__ = ["convert", "COVERED_ESTIMATORS", "COVERED_TRANSFORMERS", "covered_text"]


def final_step(est):
    if type(est).__name__ == "Pipeline":
        steps = [step for _, step in est.steps if step not in (None, "passthrough")]
        return est.__class__(est.steps[:-1]) if len(steps) > 1 else None, steps[-1]
    return None, est


def convert(est, n_features, input_name="input"):
    """Returns an onnx.ModelProto computing `est` on a float input [N, n_features]."""
    graph = Graph()
    preprocess, final = final_step(est)
    x = input_name
    if preprocess is not None:
        x = transform(graph, preprocess, x)
    kind = type(final).__name__
    if kind in ESTIMATORS:
        outputs = ESTIMATORS[kind](graph, final, x)
    elif hasattr(final, "transform"):
        outputs = [(transform(graph, final, x), "variable", 1, ["N", None])]
    else:
        raise not_covered(final)
    return graph.model(input_name, n_features, outputs, f"Converted from {kind} by the workbench's scikit-learn converter")
