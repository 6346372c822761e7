"""Exports a GPT-style decoder stack from PyTorch to ONNX, for timing the graph view on a real
exported transformer: token embedding, `layers` x nn.TransformerEncoderLayer (pre-norm, causal mask,
so every layer has self-attention with its reshapes and the residual branches as torch exports them),
a final LayerNorm and the vocabulary projection. d_model is small (weights stay a few MB) since only
the graph's size matters here; 224 layers give about 30,000 ONNX nodes with torch 1.13 at opset 14.
`fixed-sequence`: only the batch dim is left free (the sequence is the context, 16 tokens), so tools
that make up inputs from the signature with a batch size alone (a build's verification, a load test)
can feed it.
Usage: make_transformer_model.py OUT.onnx [layers] [fixed-sequence]. Needs Debian's python3-torch
(/usr/bin/python3)."""
import sys

import torch
from torch import nn

out = sys.argv[1]
layers = int(sys.argv[2]) if len(sys.argv) > 2 else 224
fixed_sequence = len(sys.argv) > 3 and sys.argv[3] == "fixed-sequence"
torch.manual_seed(7)


class Gpt(nn.Module):
    def __init__(self, vocab=256, d_model=32, heads=2, context=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.position = nn.Parameter(torch.randn(1, context, d_model) * 0.02)
        # One module per layer (not nn.TransformerEncoder, whose fast path may fuse the layers away).
        self.blocks = nn.ModuleList(
            nn.TransformerEncoderLayer(d_model, heads, 2 * d_model, dropout=0.0, batch_first=True, norm_first=True)
            for _ in range(layers)
        )
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab)

    def forward(self, tokens):
        steps = tokens.shape[1]
        mask = torch.triu(torch.full((steps, steps), float("-inf")), diagonal=1)
        x = self.embed(tokens) + self.position[:, :steps]
        for block in self.blocks:
            x = block(x, src_mask=mask)
        return self.head(self.norm(x))


model = Gpt().eval()
tokens = torch.randint(0, 256, (1, 16))
with torch.no_grad():
    torch.onnx.export(
        model,
        (tokens,),
        out,
        input_names=["tokens"],
        output_names=["logits"],
        dynamic_axes={"tokens": {0: "batch"}, "logits": {0: "batch"}}
        if fixed_sequence
        else {"tokens": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"}},
        opset_version=14,
    )

import onnx  # noqa: E402  (after the export: only to report the size)

print(f"{out}: {len(onnx.load(out).graph.node)} nodes, {layers} layers")
