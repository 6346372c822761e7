"""Class labels as ONNX attributes: integers (int64 label output) or strings (string label output)."""
import numpy as np
from onnx import TensorProto

from .errors import unsupported_setting


def class_labels(est):
    classes = np.asarray(est.classes_)
    if classes.dtype.kind in "iub":
        return {"classlabels_ints": [int(c) for c in classes]}, TensorProto.INT64
    if classes.dtype.kind == "f" and np.all(classes == np.round(classes)):
        return {"classlabels_ints": [int(c) for c in classes]}, TensorProto.INT64
    if classes.dtype.kind in "OUS":
        return {"classlabels_strings": [str(c) for c in classes]}, TensorProto.STRING
    raise unsupported_setting(est, f"class labels of type {classes.dtype}")


def label_from_index(graph, est, index):
    """Maps an argmax index [N] to the estimator's class labels [N]."""
    attributes, element = class_labels(est)
    values = attributes.get("classlabels_ints", attributes.get("classlabels_strings"))
    table = np.array(values, dtype=np.int64 if element == TensorProto.INT64 else object)
    return graph.node("Gather", [graph.constant(table, "classes"), index], "label", axis=0), element
