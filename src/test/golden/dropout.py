"""Writes src/test/resources/golden/dropout.json: PyTorch's loss and gradients for a network with a
dropout layer whose mask is dense4j's, for DropoutTest. The mask is drawn here exactly as dense4j
draws it (SplitMix64, four 16-bit uniforms per draw), so the test also pins dense4j's stream.
Run from the repository's root with the Debian package python3-torch: python3 src/test/golden/dropout.py"""
import json
import torch

M = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def mask(key, op_index, rate, count):
    state = mix((key + (op_index + 1) * GOLDEN) & M)  # Plan.seedDropout
    keep_below = round((1 - rate) * 65536)
    scale = 65536.0 / keep_below
    out = []
    while len(out) < count:
        state = (state + GOLDEN) & M
        bits = mix(state)
        for _ in range(4):
            out.append(scale if (bits & 0xFFFF) < keep_below else 0.0)
            bits >>= 16
    return out[:count]


golden = json.load(open("src/test/resources/golden/weighted-loss.json"))
x = torch.tensor(golden["features"], dtype=torch.float64)
y = torch.tensor(golden["labels"], dtype=torch.float64).reshape(-1, 1)
flat = golden["parameters"]
rows, inputs, hidden, rate, key = x.shape[0], x.shape[1], 5, 0.4, 12345
# the graph: Dense+ReLU (node 0), Dropout (node 1), Dense fused with the loss (node 2)
m = torch.tensor(mask(key, 1, rate, rows * hidden), dtype=torch.float64).reshape(rows, hidden)
sizes = [inputs * hidden, hidden, hidden, 1]
parts, at = [], 0
for n in sizes:
    parts.append(torch.tensor(flat[at:at + n], dtype=torch.float64))
    at += n
w1 = parts[0].reshape(inputs, hidden).requires_grad_(True)
b1 = parts[1].requires_grad_(True)
w2 = parts[2].reshape(hidden, 1).requires_grad_(True)
b2 = parts[3].requires_grad_(True)
z = (torch.relu(x @ w1 + b1) * m) @ w2 + b2
loss = torch.nn.BCEWithLogitsLoss()(z, y)
loss.backward()
out = {"torch": torch.__version__, "rate": rate, "key": key, "mask": m.reshape(-1).tolist(), "loss": loss.item(),
       "gradient": torch.cat([t.grad.reshape(-1) for t in (w1, b1, w2, b2)]).tolist()}
with open("src/test/resources/golden/dropout.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
