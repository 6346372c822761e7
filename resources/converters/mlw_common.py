"""What every converter script shares: its JSON lines on stdout, its errors, and the parity files it writes.

Protocol (one JSON object per stdout line; anything else on stdout or stderr is log):
  {"progress": 0.4, "message": "Exporting"}
  {"result": {...}}                                 last line on success
  {"error": {"kind": "...", "message": "...", "hint": "..."}}   last line on a recognized failure
"""
import json
import os
import sys


class ConversionFailure(Exception):
    """A failure the script recognized: `kind` names it for the workbench, `hint` says what to change."""

    def __init__(self, kind, message, hint=None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.hint = hint


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def progress(fraction, message):
    emit({"progress": round(float(fraction), 3), "message": message})


def run_main(main):
    """Runs `main()`; a ConversionFailure becomes an error line and exit code 2, anything else a traceback."""
    try:
        result = main()
    except ConversionFailure as failure:
        error = {"kind": failure.kind, "message": failure.message}
        if failure.hint:
            error["hint"] = failure.hint
        emit({"error": error})
        sys.exit(2)
    emit({"result": result})


def median_ms(run, runs, warmup=3):
    """The median wall time of run() in milliseconds over `runs` calls after `warmup` untimed ones; None for 0 runs."""
    import time

    if runs <= 0:
        return None
    for _ in range(warmup):
        run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    middle = len(times) // 2
    return times[middle] if len(times) % 2 else (times[middle - 1] + times[middle]) / 2


def save_parity_set(parity_dir, label, inputs, outputs):
    """Writes one set of inputs and the framework's outputs as .npy files; returns their paths by name."""
    import numpy as np

    folder = os.path.abspath(os.path.join(parity_dir, label))
    os.makedirs(folder, exist_ok=True)

    def save(kind, tensors):
        paths = {}
        for index, (name, value) in enumerate(tensors.items()):
            path = os.path.join(folder, f"{kind}_{index}.npy")
            np.save(path, np.ascontiguousarray(value))
            paths[name] = path
        return paths

    batch = int(next(iter(inputs.values())).shape[0]) if inputs else 0
    return {"label": label, "batch": batch, "inputs": save("input", inputs), "outputs": save("output", outputs)}


def load_user_code(code_path):
    """Imports the user's model code from a file and makes its names resolvable for pickles.

    A pickle records classes by module and name; a model saved from a script records `__main__.Net`,
    so the file's names are also put on `__main__`, and its folder on sys.path for its own imports.
    """
    import importlib.util

    if not os.path.isfile(code_path):
        raise ConversionFailure("code_missing", f"The model code file {code_path} does not exist.", "Pass the .py file that defines the model class.")
    folder = os.path.dirname(os.path.abspath(code_path))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = os.path.splitext(os.path.basename(code_path))[0]
    spec = importlib.util.spec_from_file_location(name, code_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    main = sys.modules["__main__"]
    for attribute, value in vars(module).items():
        if not attribute.startswith("__") and not hasattr(main, attribute):
            setattr(main, attribute, value)
    return module


def unpickling_failure(error, what):
    """Explains a pickle that names code this Python cannot import (ModuleNotFoundError / AttributeError)."""
    text = str(error)
    return ConversionFailure(
        "pickle_code_missing",
        f"The {what} was saved with code this Python cannot import: {text}.",
        "Pass the Python file that defines the missing class or module (--code FILE), "
        "or run the conversion in the Python environment the model was saved from.",
    )
