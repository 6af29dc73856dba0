"""Writes src/test/resources/golden/weighted-loss.json: PyTorch's class- and row-weighted binary
cross-entropy and its gradients for a small network in float64, for WeightedLossGoldenTest. Run from the
repository's root with the Debian package python3-torch: python3 src/test/golden/weighted_loss.py"""
import json
import numpy as np
import torch

rng = np.random.default_rng(2026)
rows, inputs, hidden = 7, 4, 5
x = rng.normal(size=(rows, inputs))
y = np.array([1, 0, 0, 1, 0, 0, 0], dtype=float).reshape(rows, 1)
# dense4j's layout: each Dense layer's weights [inputs, units] row-major, then its bias
w1, b1 = rng.normal(size=(inputs, hidden)), rng.normal(size=hidden) * 0.1
w2, b2 = rng.normal(size=(hidden, 1)), rng.normal(size=1) * 0.1
# each row's own weight (a CSV's weight column): 0 drops a row, fractions and large weights included
s = np.array([0.5, 2.0, 0.0, 1.25, 3.0, 1.0, 0.75]).reshape(rows, 1)


def case(name, negative, positive, from_logits, weighted_rows=False):
    params = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (w1, b1, w2, b2)]
    xt, yt = torch.tensor(x), torch.tensor(y)
    z = torch.relu(xt @ params[0] + params[1]) @ params[2] + params[3]
    st = torch.tensor(s) if weighted_rows else None
    if weighted_rows:  # PyTorch's own combination: weight scales each row, pos_weight its positive term
        if from_logits:
            loss = torch.nn.BCEWithLogitsLoss(weight=st, pos_weight=torch.tensor([positive], dtype=torch.float64))(z, yt)
        else:
            loss = torch.nn.BCELoss(weight=st)(torch.sigmoid(z), yt)
    elif from_logits and negative == 1:
        loss = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([positive], dtype=torch.float64))(z, yt)
    else:
        row_weights = torch.where(yt == 1, torch.tensor(positive, dtype=torch.float64), torch.tensor(negative, dtype=torch.float64))
        if from_logits:
            loss = torch.nn.BCEWithLogitsLoss(weight=row_weights)(z, yt)
        else:
            loss = torch.nn.BCELoss(weight=row_weights)(torch.sigmoid(z), yt)
    loss.backward()
    gradient = np.concatenate([p.grad.numpy().reshape(-1) for p in params])
    result = {"name": name, "negative": negative, "positive": positive, "fused": from_logits,
              "loss": loss.item(), "gradient": gradient.tolist()}
    if weighted_rows:
        result["rowWeights"] = s.reshape(-1).tolist()
    return result


out = {
    "torch": torch.__version__,
    "features": x.tolist(), "labels": y.reshape(-1).tolist(),
    "parameters": np.concatenate([w1.reshape(-1), b1, w2.reshape(-1), b2]).tolist(),
    "cases": [
        case("pos_weight 4 (BCEWithLogitsLoss)", 1.0, 4.0, True),
        case("class weights 0.6 / 3.2 (BCEWithLogitsLoss weight)", 0.6, 3.2, True),
        case("class weights 0.6 / 3.2 on probabilities (BCELoss weight)", 0.6, 3.2, False),
        case("unweighted", 1.0, 1.0, True),
        case("row weights (BCEWithLogitsLoss weight)", 1.0, 1.0, True, True),
        case("row weights and pos_weight 4 (BCEWithLogitsLoss weight, pos_weight)", 1.0, 4.0, True, True),
        case("row weights on probabilities (BCELoss weight)", 1.0, 1.0, False, True),
    ],
}
with open("src/test/resources/golden/weighted-loss.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
