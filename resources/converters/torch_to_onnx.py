"""Converts a PyTorch model to ONNX with torch.onnx.export and saves parity inputs and outputs.

Sources: a TorchScript file (torch.jit.save), or a checkpoint (torch.save) holding a whole pickled
nn.Module or a state_dict, with the user's code file (--code) and class name (--class-name).
Prints the protocol of mlw_common.py.
"""
import argparse
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mlw_common import ConversionFailure, load_user_code, median_ms, progress, run_main, save_parity_set, unpickling_failure  # noqa: E402

DTYPES = ("float32", "float64", "float16", "int64", "int32", "bool")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--code", help="the .py file defining the model class")
    parser.add_argument("--class-name", help="the nn.Module class to build for a state_dict")
    parser.add_argument("--init-args", default="{}", help="JSON object of keyword arguments for the class")
    parser.add_argument("--input-shape", action="append", default=[], help="one per input, e.g. 1,3,224,224")
    parser.add_argument("--input-type", action="append", default=[], help="one per input (or one for all)")
    parser.add_argument("--input-names", default="", help="comma-separated")
    parser.add_argument("--output-names", default="", help="comma-separated")
    parser.add_argument("--dynamic-batch", action="store_true", help="axis 0 of every input, and the axis of each output that follows it")
    parser.add_argument("--dynamic-axes", default="{}", help='JSON, e.g. {"tokens": {"1": "sequence"}}')
    parser.add_argument("--int-high", type=int, default=10, help="integer inputs are drawn from [0, high)")
    parser.add_argument("--opset", type=int, default=14)
    parser.add_argument("--parity-dir")
    parser.add_argument("--parity-batch", type=int, default=7, help="the second batch size a dynamic-batch model is run at")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency-runs", type=int, default=20, help="timed runs of the source model (0 skips timing)")
    return parser.parse_args()


def import_torch():
    try:
        import torch
    except ModuleNotFoundError:
        raise ConversionFailure(
            "framework_missing",
            f"This Python ({sys.executable}) has no PyTorch.",
            "Pick a Python environment with torch installed (on Debian: apt-get install python3-torch).",
        )
    return torch


def load_model(torch, args):
    if not os.path.isfile(args.source):
        raise ConversionFailure("source_missing", f"The model file {args.source} does not exist.", "Check the path.")
    if args.code:
        load_user_code(args.code)
    try:
        return torch.jit.load(args.source, map_location="cpu"), "torchscript"
    except RuntimeError:
        pass  # not TorchScript: a checkpoint is tried next
    try:
        checkpoint = torch.load(args.source, map_location="cpu")
    except (ModuleNotFoundError, AttributeError) as error:
        raise unpickling_failure(error, "checkpoint")
    except Exception as error:
        raise ConversionFailure(
            "checkpoint_unreadable",
            f"{os.path.basename(args.source)} is neither TorchScript nor a PyTorch checkpoint torch.load can read: {error}",
            "Save the model with torch.jit.save(torch.jit.script(model), path) or torch.save(model.state_dict(), path).",
        )
    if isinstance(checkpoint, torch.nn.Module):
        return checkpoint, "module"
    state = checkpoint.get("state_dict", checkpoint) if isinstance(checkpoint, dict) else None
    if not isinstance(state, dict) or not all(hasattr(value, "shape") for value in state.values()):
        raise ConversionFailure(
            "checkpoint_unreadable",
            f"{os.path.basename(args.source)} holds a {type(checkpoint).__name__}, not a model or a state_dict.",
            "Save the nn.Module itself or its state_dict().",
        )
    return build_from_state_dict(torch, args, state), "state_dict"


def build_from_state_dict(torch, args, state):
    if not args.code or not args.class_name:
        raise ConversionFailure(
            "model_code_needed",
            "The checkpoint holds only weights (a state_dict); the model's code is needed to rebuild it.",
            "Pass the .py file defining the model (--code) and the class name (--class-name).",
        )
    main = sys.modules["__main__"]
    model_class = getattr(main, args.class_name, None)
    if model_class is None:
        raise ConversionFailure(
            "model_code_needed",
            f"{os.path.basename(args.code)} defines no class {args.class_name}.",
            "Check the class name (case matters).",
        )
    model = model_class(**json.loads(args.init_args))
    try:
        model.load_state_dict(state)
    except RuntimeError as error:
        raise ConversionFailure(
            "state_dict_mismatch",
            f"The weights do not fit {args.class_name}: {' '.join(str(error).splitlines()[1:]).strip()[:600]}",
            "Build the class with the arguments it was trained with (--init-args), or pick the matching class.",
        )
    return model


def example_inputs(torch, args, batch):
    if not args.input_shape:
        raise ConversionFailure(
            "input_shape_needed", "No example input shape was given.", "Pass --input-shape for each input, e.g. 1,3,224,224."
        )
    types = args.input_type or ["float32"]
    if len(types) == 1:
        types = types * len(args.input_shape)
    if len(types) != len(args.input_shape):
        raise ConversionFailure("input_type_count", f"{len(args.input_shape)} input shapes but {len(types)} input types.", "Give one --input-type per input, or one for all.")
    generator = torch.Generator().manual_seed(args.seed + batch)
    tensors = []
    for shape_text, dtype in zip(args.input_shape, types):
        if dtype not in DTYPES:
            raise ConversionFailure("input_type_unknown", f"Unknown input type {dtype}.", f"Use one of {', '.join(DTYPES)}.")
        shape = [int(part) for part in shape_text.split(",")]
        if args.dynamic_batch:
            shape[0] = batch
        torch_type = getattr(torch, dtype)
        if dtype in ("int64", "int32"):
            tensors.append(torch.randint(0, args.int_high, shape, generator=generator, dtype=torch_type))
        elif dtype == "bool":
            tensors.append(torch.randint(0, 2, shape, generator=generator).bool())
        else:
            tensors.append(torch.randn(shape, generator=generator, dtype=torch.float32).to(torch_type))
    return tensors


def flatten_outputs(value):
    if isinstance(value, (list, tuple)):
        return [tensor for item in value for tensor in flatten_outputs(item)]
    if isinstance(value, dict):
        return [tensor for item in value.values() for tensor in flatten_outputs(item)]
    return [value]


def run_framework(torch, model, inputs):
    with torch.no_grad():
        try:
            return flatten_outputs(model(*inputs))
        except TypeError as error:
            if "positional argument" in str(error):
                raise ConversionFailure(
                    "input_count",
                    f"The model's forward() does not take {len(inputs)} input(s): {error}.",
                    "Pass one --input-shape (and --input-type) per forward() argument, in order.",
                )
            raise
        except RuntimeError as error:
            raise ConversionFailure(
                "example_input_rejected",
                f"The model fails on example inputs of shape {[list(tensor.shape) for tensor in inputs]}: {str(error).splitlines()[0]}",
                "Check --input-shape and --input-type against what the model expects.",
            )


def run_at_other_batch(torch, model, inputs, example_batch, other_batch):
    """The model at a second batch size, to find its outputs' batch axes; a model fixed to one batch fails here."""
    try:
        return run_framework(torch, model, inputs)
    except ConversionFailure as failure:
        if failure.kind != "example_input_rejected":
            raise
        raise ConversionFailure(
            "dynamic_batch_unsupported",
            f"The model runs at batch {example_batch} but not at batch {other_batch}, so its batch cannot be dynamic: "
            f"{failure.message.split(': ', 1)[-1]}",
            "Convert without --dynamic-batch (the ONNX model then takes only the example's batch), "
            "or remove the fixed batch size from the model (a view or reshape with a constant first dimension).",
        )


def names(text, count, prefix):
    given = [name.strip() for name in text.split(",") if name.strip()]
    if given and len(given) > count:
        raise ConversionFailure(
            "names_count", f"{len(given)} {prefix} names given but the model has {count} {prefix}(s).", f"Give at most {count} {prefix} names."
        )
    default = [prefix] if count == 1 else [f"{prefix}_{index}" for index in range(count)]
    return given + default[len(given):]


def batch_axes(example_outputs, other_outputs, example_batch, other_batch):
    """Per output, the axis that follows the batch: its size is the batch in both runs.

    Not always axis 0: a recurrent layer's hidden state is [layers, batch, width]. None for an output
    whose shape does not follow the batch (a constant, a reduction over it).
    """
    found = []
    for example, other in zip(example_outputs, other_outputs):
        axes = [
            axis
            for axis, (a, b) in enumerate(zip(example.shape, other.shape))
            if a == example_batch and b == other_batch and len(example.shape) == len(other.shape)
        ]
        found.append(axes[0] if axes else None)
    return found


def dynamic_axes_for(args, input_names, output_names, output_batch_axes):
    axes = {}
    if args.dynamic_batch:
        for name in input_names:
            axes[name] = {0: "batch"}
        for name, axis in zip(output_names, output_batch_axes):
            if axis is not None:
                axes[name] = {axis: "batch"}
    for name, named in json.loads(args.dynamic_axes).items():
        if name not in input_names + output_names:
            raise ConversionFailure(
                "dynamic_axes_name",
                f"The dynamic axes name {name}, which is neither an input ({', '.join(input_names)}) nor an output ({', '.join(output_names)}).",
                "Use the input and output names given with --input-names and --output-names.",
            )
        axes.setdefault(name, {}).update({int(axis): label for axis, label in named.items()})
    return axes


def to_numpy(tensor):
    return tensor.detach().cpu().numpy()


def main():
    args = parse_args()
    progress(0.05, "Loading PyTorch")
    torch = import_torch()
    import onnx

    progress(0.15, "Loading the model")
    model, kind = load_model(torch, args)
    model.eval()
    progress(0.3, "Running the model on example inputs")
    example_batch = int(args.input_shape[0].split(",")[0]) if args.input_shape else 1
    inputs = example_inputs(torch, args, batch=example_batch)
    outputs = run_framework(torch, model, inputs)
    input_names = names(args.input_names, len(inputs), "input")
    output_names = names(args.output_names, len(outputs), "output")
    other_batch = args.parity_batch if args.parity_batch != example_batch else example_batch + 1
    other_inputs = example_inputs(torch, args, batch=other_batch) if args.dynamic_batch else None
    other_outputs = run_at_other_batch(torch, model, other_inputs, example_batch, other_batch) if args.dynamic_batch else None
    output_batch_axes = batch_axes(outputs, other_outputs, example_batch, other_batch) if args.dynamic_batch else []
    axes = dynamic_axes_for(args, input_names, output_names, output_batch_axes)
    static_outputs = [
        f"Output {name} does not follow the batch size; its shape stays as exported."
        for name, axis in zip(output_names, output_batch_axes)
        if axis is None
    ]
    progress(0.45, f"Exporting with torch.onnx.export (opset {args.opset})")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.onnx.export(
            model,
            tuple(inputs),
            args.out,
            input_names=input_names,
            output_names=output_names,
            dynamic_axes=axes or None,
            opset_version=args.opset,
            do_constant_folding=True,
        )
    tracer = [item for item in caught if "Tracer" in type(item.message).__name__]
    for item in tracer:
        print(f"TracerWarning at {item.filename}:{item.lineno}: {str(item.message).splitlines()[0]}", file=sys.stderr)
    # PyTorch's own modules (nn.GRU among them) warn about their internal checks; only the user's
    # code can make the traced graph wrong for other inputs, so only its warnings reach the result
    torch_dir = os.path.dirname(torch.__file__)
    user_tracer = [item for item in tracer if not item.filename.startswith(torch_dir)]
    trace_warnings = sorted({str(item.message).splitlines()[0] for item in user_tracer})
    user_branches = [item for item in user_tracer if "Python boolean" in str(item.message)]
    if kind != "torchscript" and user_branches:
        os.remove(args.out)
        raise ConversionFailure(
            "data_dependent_control_flow",
            "The model branches on tensor values (an if or while on a tensor), which tracing records for the "
            "example input only: the ONNX model would be wrong for other inputs.",
            "Script the model (torch.jit.save(torch.jit.script(model), path)) and convert the TorchScript file, "
            "or rewrite the branch with tensor operations (torch.where).",
        )
    progress(0.8, "Checking the ONNX model")
    onnx.checker.check_model(onnx.load(args.out))
    parity = []
    if args.parity_dir:
        progress(0.9, "Saving parity inputs and outputs")
        as_dict = lambda keys, tensors: {key: to_numpy(tensor) for key, tensor in zip(keys, tensors)}  # noqa: E731
        parity.append(save_parity_set(args.parity_dir, "example", as_dict(input_names, inputs), as_dict(output_names, outputs)))
        if args.dynamic_batch:
            parity.append(
                save_parity_set(args.parity_dir, f"batch{other_batch}", as_dict(input_names, other_inputs), as_dict(output_names, other_outputs))
            )
    progress(0.95, "Timing the model in PyTorch")
    source_latency = median_ms(lambda: run_framework(torch, model, inputs), args.latency_runs)
    progress(1.0, "Converted")
    return {
        "out": os.path.abspath(args.out),
        "sourceLatencyMs": source_latency,
        "converter": f"torch.onnx {torch.__version__}",
        "sourceKind": kind,
        "opset": args.opset,
        "inputs": [{"name": n, "dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape)} for n, t in zip(input_names, inputs)],
        "outputs": output_names,
        "dynamicAxes": {name: {str(axis): label for axis, label in named.items()} for name, named in axes.items()},
        "warnings": trace_warnings + static_outputs,
        "parity": parity,
    }


if __name__ == "__main__":
    run_main(main)
