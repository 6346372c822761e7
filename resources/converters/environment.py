"""Prints, as one JSON line, this Python and the versions of the packages conversion can use (null if absent)."""
import importlib
import json
import platform
import sys

PACKAGES = {
    "numpy": "numpy",
    "torch": "torch",
    "onnx": "onnx",
    "sklearn": "sklearn",
    "skl2onnx": "skl2onnx",
    "tf2onnx": "tf2onnx",
    "tensorflow": "tensorflow",
    "joblib": "joblib",
}


def version_of(module_name):
    try:
        module = importlib.import_module(module_name)
    except Exception:  # a broken install counts as absent: conversion could not use it either
        return None
    return str(getattr(module, "__version__", "unknown"))


print(
    json.dumps(
        {
            "python": platform.python_version(),
            "executable": sys.executable,
            "packages": {key: version_of(name) for key, name in PACKAGES.items()},
        }
    )
)
