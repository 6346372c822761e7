"""Converts a TensorFlow SavedModel, Keras model or TFLite file to ONNX through tf2onnx.

Needs TensorFlow and tf2onnx in the chosen Python; without them (Debian ships neither) it says so
and stops. Runs tf2onnx's own command line in this Python, then, for parity, the source model on
random inputs of --input-shape. Prints the protocol of mlw_common.py.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mlw_common import ConversionFailure, progress, run_main, save_parity_set  # noqa: E402

SOURCE_FLAGS = {"saved_model": "--saved-model", "keras": "--keras", "tflite": "--tflite"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", required=True)
    parser.add_argument("--from", dest="kind", choices=sorted(SOURCE_FLAGS), required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--opset", type=int, default=13)
    parser.add_argument("--input-shape", action="append", default=[], help="for parity, one per input")
    parser.add_argument("--parity-dir")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def require(module, name):
    try:
        return __import__(module)
    except ModuleNotFoundError:
        raise ConversionFailure(
            "framework_missing",
            f"This Python ({sys.executable}) has no {name}, which TensorFlow and TFLite conversion needs.",
            "Pick a Python environment with tensorflow and tf2onnx installed (pip install tensorflow tf2onnx); "
            "Debian packages neither.",
        )


def framework_outputs(tf, args):
    """The source model run on random inputs: ({name: input}, {name: output})."""
    import numpy as np

    rng = np.random.default_rng(args.seed)
    if args.kind == "tflite":
        interpreter = tf.lite.Interpreter(model_path=args.source)
        interpreter.allocate_tensors()
        inputs = {}
        for detail in interpreter.get_input_details():
            value = rng.standard_normal(detail["shape"]).astype(detail["dtype"])
            interpreter.set_tensor(detail["index"], value)
            inputs[detail["name"]] = value
        interpreter.invoke()
        return inputs, {d["name"]: interpreter.get_tensor(d["index"]) for d in interpreter.get_output_details()}
    model = tf.keras.models.load_model(args.source) if args.kind == "keras" else tf.saved_model.load(args.source)
    if not args.input_shape:
        raise ConversionFailure("input_shape_needed", "Parity needs an input shape.", "Pass --input-shape for each input.")
    values = [rng.standard_normal([int(d) for d in shape.split(",")]).astype(np.float32) for shape in args.input_shape]
    call = model if args.kind == "keras" else model.signatures["serving_default"]
    result = call(*[tf.constant(v) for v in values]) if args.kind == "keras" else call(**dict(zip(call.structured_input_signature[1], map(tf.constant, values))))
    outputs = result if isinstance(result, dict) else {"output": result}
    return {f"input_{i}": v for i, v in enumerate(values)}, {k: np.asarray(v) for k, v in outputs.items()}


def main():
    args = parse_args()
    progress(0.05, "Loading TensorFlow")
    tf = require("tensorflow", "TensorFlow")
    tf2onnx = require("tf2onnx", "tf2onnx")
    if not os.path.exists(args.source):
        raise ConversionFailure("source_missing", f"The model {args.source} does not exist.", "Check the path.")
    progress(0.2, f"Converting with tf2onnx {tf2onnx.__version__} (opset {args.opset})")
    command = [sys.executable, "-m", "tf2onnx.convert", SOURCE_FLAGS[args.kind], args.source, "--output", args.out, "--opset", str(args.opset)]
    completed = subprocess.run(command, stdout=sys.stderr, stderr=sys.stderr)
    if completed.returncode != 0:
        raise ConversionFailure("converter_failed", f"tf2onnx failed (exit code {completed.returncode}).", "See the log for tf2onnx's own message.")
    parity = []
    if args.parity_dir:
        progress(0.8, "Running the source model for parity")
        inputs, outputs = framework_outputs(tf, args)
        parity.append(save_parity_set(args.parity_dir, "example", inputs, outputs))
    import onnx

    model = onnx.load(args.out)
    progress(1.0, "Converted")
    return {
        "out": os.path.abspath(args.out),
        "converter": f"tf2onnx {tf2onnx.__version__}",
        "sourceKind": args.kind,
        "opset": args.opset,
        "inputs": [{"name": i.name, "dtype": "float32", "shape": [d.dim_value or d.dim_param for d in i.type.tensor_type.shape.dim]} for i in model.graph.input],
        "outputs": [o.name for o in model.graph.output],
        "dynamicAxes": {},
        "warnings": [],
        "parity": parity,
    }


if __name__ == "__main__":
    run_main(main)
