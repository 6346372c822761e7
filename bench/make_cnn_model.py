"""Writes an image classifier as ONNX (input float32 [batch, 3, 224, 224], 602 KB per image), with
seeded weights. `small` (sub-millisecond): Conv 3->16, Relu, MaxPool, Conv 16->32, Relu,
GlobalAveragePool, Flatten, Gemm 32->10, Softmax. `medium` (tens of milliseconds, the size of a
mobile network): four more Conv/Relu/MaxPool stages up to 256 channels before the pooling.
`reduce`: no classifier, one ReduceMax over the image, so a run costs next to nothing and what a
bench measures around it is the cost of getting the image to ONNX Runtime.
Usage: make_cnn_model.py OUT.onnx [small|medium|reduce]. Needs Debian's python3-onnx (/usr/bin/python3)."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
size = sys.argv[2] if len(sys.argv) > 2 else "small"
rng = np.random.default_rng(7)
image = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 224, 224])


def save(graph):
    model = helper.make_model(graph, producer_name="mlw-bench", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, out)


if size == "reduce":
    peak = helper.make_tensor_value_info("peak", TensorProto.FLOAT, ["batch", 1, 1, 1])
    save(helper.make_graph([helper.make_node("ReduceMax", ["image"], ["peak"], keepdims=1)], "reduce224", [image], [peak]))
    sys.exit(0)


def weight(name, *shape):
    return numpy_helper.from_array((rng.standard_normal(shape) * 0.1).astype(np.float32), name)


initializers = [weight("w1", 16, 3, 3, 3), weight("b1", 16)]
nodes = [
    helper.make_node("Conv", ["image", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
    helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
    helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2], name="pool1"),
]
channels = [16, 32] if size == "small" else [16, 32, 64, 128, 256]
last = "p1"
for stage, (cin, cout) in enumerate(zip(channels, channels[1:]), start=2):
    initializers += [weight(f"w{stage}", cout, cin, 3, 3), weight(f"b{stage}", cout)]
    nodes += [
        helper.make_node("Conv", [last, f"w{stage}", f"b{stage}"], [f"c{stage}"], pads=[1, 1, 1, 1], name=f"conv{stage}"),
        helper.make_node("Relu", [f"c{stage}"], [f"r{stage}"], name=f"relu{stage}"),
    ]
    last = f"r{stage}"
    if stage < len(channels):
        nodes.append(helper.make_node("MaxPool", [last], [f"p{stage}"], kernel_shape=[2, 2], strides=[2, 2], name=f"pool{stage}"))
        last = f"p{stage}"
initializers += [weight("wfc", 10, channels[-1]), weight("bfc", 10)]
nodes += [
    helper.make_node("GlobalAveragePool", [last], ["g"], name="gap"),
    helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "wfc", "bfc"], ["logits"], transB=1, name="fc"),
    helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1, name="softmax"),
]
graph = helper.make_graph(
    nodes,
    "cnn224",
    [image],
    [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 10])],
    initializers,
)
save(graph)
