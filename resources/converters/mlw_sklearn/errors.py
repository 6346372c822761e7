"""The converter's errors, which name the estimator and say plainly what is covered."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mlw_common import ConversionFailure  # noqa: E402

COVERED_TRANSFORMERS = ["Pipeline", "ColumnTransformer", "StandardScaler", "MinMaxScaler", "SimpleImputer", "OneHotEncoder (numeric categories)", "Normalizer"]
COVERED_ESTIMATORS = [
    "LinearRegression",
    "Ridge",
    "Lasso",
    "ElasticNet",
    "LogisticRegression (binary and multiclass)",
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "RandomForestClassifier",
    "RandomForestRegressor",
    "ExtraTreesClassifier",
    "ExtraTreesRegressor",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
]


def covered_text():
    return "Covered: " + ", ".join(COVERED_TRANSFORMERS + COVERED_ESTIMATORS) + "."


def not_covered(est):
    return ConversionFailure(
        "unknown_estimator",
        f"The workbench's scikit-learn converter does not cover {type(est).__module__}.{type(est).__name__}. {covered_text()}",
        "Install skl2onnx in the chosen Python (it covers many more estimators), or replace this step with a covered one.",
    )


def unsupported_setting(est, setting):
    return ConversionFailure(
        "unsupported_setting",
        f"The workbench's scikit-learn converter does not cover {type(est).__name__} with {setting}.",
        "Install skl2onnx in the chosen Python, or refit without that setting.",
    )
