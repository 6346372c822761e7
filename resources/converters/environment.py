"""Prints, as one JSON line, this Python and the versions of the packages conversion can use (null if absent).

Versions come from the installed distributions' metadata, not by importing them: importing torch
alone takes over a second, and this runs before every conversion.
"""
import importlib.metadata
import importlib.util
import json
import platform
import sys

# key: (module to find, distribution whose version to report)
PACKAGES = {
    "numpy": ("numpy", "numpy"),
    "torch": ("torch", "torch"),
    "onnx": ("onnx", "onnx"),
    "sklearn": ("sklearn", "scikit-learn"),
    "skl2onnx": ("skl2onnx", "skl2onnx"),
    "tf2onnx": ("tf2onnx", "tf2onnx"),
    "tensorflow": ("tensorflow", "tensorflow"),
    "joblib": ("joblib", "joblib"),
}


def version_of(module_name, distribution):
    try:
        if importlib.util.find_spec(module_name) is None:
            return None
    except Exception:  # a broken install counts as absent: conversion could not use it either
        return None
    try:
        # Debian's torch says "1.13.0a0+gitunknown": the local part names no release.
        return importlib.metadata.version(distribution).split("+")[0]
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


print(
    json.dumps(
        {
            "python": platform.python_version(),
            "executable": sys.executable,
            "packages": {key: version_of(*names) for key, names in PACKAGES.items()},
        }
    )
)
