"""Linear models as ai.onnx.ml LinearRegressor and LinearClassifier."""
import numpy as np
from onnx import TensorProto

from .errors import unsupported_setting
from .labels import class_labels


def linear_regressor(graph, est, x):
    coef = np.atleast_2d(np.asarray(est.coef_, dtype=np.float64))
    intercept = np.atleast_1d(np.asarray(est.intercept_, dtype=np.float64))
    if intercept.size == 1 and coef.shape[0] > 1:
        intercept = np.repeat(intercept, coef.shape[0])
    targets = coef.shape[0]
    variable = graph.ml(
        "LinearRegressor",
        [x],
        "variable",
        coefficients=[float(v) for v in coef.ravel()],
        intercepts=[float(v) for v in intercept],
        targets=targets,
    )
    return [(variable, "variable", TensorProto.FLOAT, ["N", targets])]


def logistic_regression(graph, est, x):
    coef = np.asarray(est.coef_, dtype=np.float64)
    intercept = np.asarray(est.intercept_, dtype=np.float64)
    classes = len(est.classes_)
    labels, element = class_labels(est)
    multi_class = getattr(est, "multi_class", "auto")
    if classes == 2:
        # one decision function z: probabilities [sigmoid(-z), sigmoid(z)], as predict_proba gives
        coef, intercept, post = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept]), "LOGISTIC"
    elif multi_class == "ovr" or (multi_class == "auto" and est.solver == "liblinear"):
        post = "LOGISTIC"
    else:
        post = "SOFTMAX"
    label, scores = graph.ml(
        "LinearClassifier",
        [x],
        "linear",
        outputs=2,
        coefficients=[float(v) for v in coef.ravel()],
        intercepts=[float(v) for v in intercept],
        post_transform=post,
        multi_class=0,
        **labels,
    )
    if classes > 2 and post == "LOGISTIC":
        # one-vs-rest: predict_proba normalizes the per-class sigmoids to sum to one
        scores = graph.ml("Normalizer", [scores], "ovr", norm="L1")
    if getattr(est, "penalty", None) not in (None, "l1", "l2", "elasticnet", "none"):
        raise unsupported_setting(est, f"penalty={est.penalty!r}")
    return [(label, "label", element, ["N"]), (scores, "probabilities", TensorProto.FLOAT, ["N", classes])]
