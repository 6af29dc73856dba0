"""Writes src/test/resources/golden/regularization.json: PyTorch's values for dense4j's L2 penalty,
AdamW and gradient clipping on a small network in float64, for RegularizationGoldenTest. The
network, rows and starting parameters are weighted_loss.py's. Run from the repository's root with
the Debian package python3-torch: python3 src/test/golden/regularization.py"""
import json
import torch

golden = json.load(open("src/test/resources/golden/weighted-loss.json"))
x = torch.tensor(golden["features"], dtype=torch.float64)
y = torch.tensor(golden["labels"], dtype=torch.float64).reshape(-1, 1)
flat = torch.tensor(golden["parameters"], dtype=torch.float64)
inputs, hidden = x.shape[1], 5
shapes = [(inputs, hidden), (hidden,), (hidden, 1), (1,)]  # dense4j's layout: weights [in, out], then bias


def parameters():
    out, at = [], 0
    for shape in shapes:
        n = int(torch.tensor(shape).prod())
        out.append(flat[at:at + n].reshape(shape).clone().requires_grad_(True))
        at += n
    return out


def data_loss(p, pos_weight=1.0):
    z = torch.relu(x @ p[0] + p[1]) @ p[2] + p[3]
    return torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([pos_weight], dtype=torch.float64))(z, y)


def flatten(p):
    return torch.cat([t.detach().reshape(-1) for t in p]).tolist()


def l2_case(lam, pos_weight):
    p = parameters()
    loss = data_loss(p, pos_weight) + lam / 2 * (p[0].pow(2).sum() + p[2].pow(2).sum())  # weights, not biases
    loss.backward()
    return {"l2": lam, "positiveWeight": pos_weight, "loss": loss.item(), "gradient": flatten([t.grad for t in p])}


def adamw_case(lr, decay, eps, steps):
    p = parameters()
    optimizer = torch.optim.AdamW([{"params": [p[0], p[2]], "weight_decay": decay},
                                   {"params": [p[1], p[3]], "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.999), eps=eps)
    for _ in range(steps):
        optimizer.zero_grad()
        data_loss(p).backward()
        optimizer.step()
    return {"learningRate": lr, "weightDecay": decay, "epsilon": eps, "steps": steps, "parameters": flatten(p)}


def clipped_sgd_case(lr, max_norm, steps):
    p = parameters()
    optimizer = torch.optim.SGD(p, lr=lr)
    norms = []
    for _ in range(steps):
        optimizer.zero_grad()
        data_loss(p).backward()
        norms.append(torch.nn.utils.clip_grad_norm_(p, max_norm).item())
        optimizer.step()
    return {"learningRate": lr, "clipNorm": max_norm, "steps": steps, "normsBeforeClipping": norms, "parameters": flatten(p)}


out = {
    "torch": torch.__version__,
    "l2": [l2_case(0.05, 1.0), l2_case(0.3, 4.0)],
    "adamw": adamw_case(0.05, 0.1, 1e-8, 3),
    "clippedSgd": clipped_sgd_case(0.5, 0.25, 3),
}
with open("src/test/resources/golden/regularization.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
