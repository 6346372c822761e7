"""A small ONNX graph builder: unique names, constants, nodes, and the finished model."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper

ONNX_OPSET = 13
ML_OPSET = 3


class Graph:
    def __init__(self):
        self.nodes = []
        self.initializers = []
        self.counter = 0

    def name(self, hint):
        self.counter += 1
        return f"{hint}_{self.counter}"

    def constant(self, value, hint="const"):
        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(self, op, inputs, hint=None, outputs=1, domain="", **attributes):
        names = [self.name(hint or op.lower()) for _ in range(outputs)]
        self.nodes.append(helper.make_node(op, inputs, names, domain=domain, name=self.name(op), **attributes))
        return names[0] if outputs == 1 else names

    def ml(self, op, inputs, hint=None, outputs=1, **attributes):
        return self.node(op, inputs, hint, outputs, domain="ai.onnx.ml", **attributes)

    def model(self, input_name, n_features, outputs, doc):
        """outputs: list of (graph name, public name, element type, shape)."""
        for graph_name, public_name, _, _ in outputs:
            self.nodes.append(helper.make_node("Identity", [graph_name], [public_name], name=self.name("out")))
        graph = helper.make_graph(
            self.nodes,
            "mlw_sklearn",
            [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["N", n_features])],
            [helper.make_tensor_value_info(public, element, shape) for _, public, element, shape in outputs],
            self.initializers,
        )
        model = helper.make_model(
            graph,
            opset_imports=[helper.make_opsetid("", ONNX_OPSET), helper.make_opsetid("ai.onnx.ml", ML_OPSET)],
            producer_name="mlops-workbench mlw_sklearn",
            doc_string=doc,
        )
        model.ir_version = 8
        return model
