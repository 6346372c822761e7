"""Converts a pickled or joblib scikit-learn estimator or pipeline to ONNX and saves parity outputs.

Uses skl2onnx when this Python has it, else the workbench's own converter (mlw_sklearn).
Prints the protocol of mlw_common.py.
"""
import argparse
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mlw_common import ConversionFailure, load_user_code, median_ms, progress, run_main, save_parity_set, unpickling_failure  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", required=True, help=".pkl/.pickle or .joblib")
    parser.add_argument("--out", required=True)
    parser.add_argument("--code", help="a .py file defining classes the pickle needs")
    parser.add_argument("--n-features", type=int, help="when the estimator does not record n_features_in_")
    parser.add_argument("--converter", choices=["auto", "skl2onnx", "mlw"], default="auto")
    parser.add_argument("--opset", type=int, default=13)
    parser.add_argument("--parity-dir")
    parser.add_argument("--parity-data", help="a .npy of rows [N, features] to check parity on")
    parser.add_argument("--parity-rows", type=int, default=16, help="random rows when no data is given")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency-runs", type=int, default=20, help="timed runs of the source model (0 skips timing)")
    return parser.parse_args()


def load_estimator(args):
    if not os.path.isfile(args.source):
        raise ConversionFailure("source_missing", f"The model file {args.source} does not exist.", "Check the path.")
    try:
        import sklearn  # noqa: F401
    except ModuleNotFoundError:
        raise ConversionFailure(
            "framework_missing",
            f"This Python ({sys.executable}) has no scikit-learn.",
            "Pick a Python environment with scikit-learn installed (on Debian: apt-get install python3-sklearn).",
        )
    if args.code:
        load_user_code(args.code)
    try:
        if args.source.endswith(".joblib"):
            import joblib

            return joblib.load(args.source)
        with open(args.source, "rb") as handle:
            return pickle.load(handle)
    except (ModuleNotFoundError, AttributeError) as error:
        raise unpickling_failure(error, "pickle")
    except (pickle.UnpicklingError, EOFError, ValueError) as error:
        raise ConversionFailure(
            "pickle_unreadable",
            f"{os.path.basename(args.source)} is not a pickle or joblib file this Python can read: {error}",
            "Save the fitted estimator with joblib.dump(model, path) or pickle.dump.",
        )


def feature_count(est, args):
    count = args.n_features or getattr(est, "n_features_in_", None)
    if count is None:
        raise ConversionFailure(
            "input_shape_needed", f"{type(est).__name__} does not record how many features it takes.", "Pass --n-features N."
        )
    return int(count)


def skl2onnx_available():
    try:
        import skl2onnx  # noqa: F401
    except ModuleNotFoundError:
        return False
    return True


def convert(est, count, args):
    use_skl2onnx = args.converter == "skl2onnx" or (args.converter == "auto" and skl2onnx_available())
    if use_skl2onnx:
        if not skl2onnx_available():
            raise ConversionFailure("framework_missing", f"This Python ({sys.executable}) has no skl2onnx.", "Use --converter mlw or auto.")
        import skl2onnx
        from skl2onnx.common.data_types import FloatTensorType

        options = {id(est): {"zipmap": False}} if hasattr(est, "predict_proba") else None
        model = skl2onnx.convert_sklearn(est, initial_types=[("input", FloatTensorType([None, count]))], target_opset=args.opset, options=options)
        return model, f"skl2onnx {skl2onnx.__version__}"
    import mlw_sklearn

    return mlw_sklearn.convert(est, count), "mlw_sklearn (the workbench's converter)"


def parity_rows(args, count, rows):
    import numpy as np

    if args.parity_data:
        data = np.load(args.parity_data).astype(np.float32)
        if data.ndim != 2 or data.shape[1] != count:
            raise ConversionFailure("parity_data_shape", f"The parity data has shape {list(data.shape)}, not [rows, {count}].", f"Give rows of {count} features.")
        return data[:rows] if rows else data
    return np.random.default_rng(args.seed).standard_normal((rows or args.parity_rows, count)).astype(np.float32)


def framework_outputs(est, x, output_names):
    import numpy as np

    outputs = {}
    if "label" in output_names:
        outputs["label"] = np.asarray(est.predict(x))
        outputs["probabilities"] = np.asarray(est.predict_proba(x), dtype=np.float64)
    elif hasattr(est, "predict"):
        outputs[output_names[0]] = np.asarray(est.predict(x), dtype=np.float64).reshape(len(x), -1)
    else:
        outputs[output_names[0]] = np.asarray(est.transform(x), dtype=np.float64)
    return outputs


def main():
    args = parse_args()
    progress(0.05, "Loading the estimator")
    est = load_estimator(args)
    count = feature_count(est, args)
    progress(0.3, f"Converting {type(est).__name__}")
    import onnx

    model, converter = convert(est, count, args)
    onnx.checker.check_model(model)
    onnx.save(model, args.out)
    output_names = [output.name for output in model.graph.output]
    parity = []
    source_latency = None
    if args.parity_dir:
        progress(0.8, "Running the estimator for parity")
        for label, rows in (("example", 0), ("batch1", 1)):
            x = parity_rows(args, count, rows)
            parity.append(save_parity_set(args.parity_dir, label, {"input": x}, framework_outputs(est, x, output_names)))
            if label == "example":
                progress(0.9, "Timing the estimator in scikit-learn")
                source_latency = median_ms(lambda: framework_outputs(est, x, output_names), args.latency_runs)
    progress(1.0, "Converted")
    classes = getattr(est, "classes_", None)
    return {
        "out": os.path.abspath(args.out),
        "sourceLatencyMs": source_latency,
        "converter": converter,
        "estimator": type(est).__name__,
        "opset": {entry.domain or "ai.onnx": entry.version for entry in model.opset_import},
        "inputs": [{"name": "input", "dtype": "float32", "shape": ["N", count]}],
        "outputs": output_names,
        "classes": [c.item() if hasattr(c, "item") else c for c in classes] if classes is not None else None,
        "dynamicAxes": {"input": {"0": "N"}},
        "warnings": [],
        "parity": parity,
    }


if __name__ == "__main__":
    run_main(main)
