"""End-to-end numpy peer of `dense4j train` and `dense4j predict` on a CSV file (issue 18).

"numpy (loadtxt plus the textbook loop)": np.loadtxt(delimiter=",", skiprows=1, dtype=float32),
then the network written out by hand, as a textbook does: 100 -> 256 ReLU -> 256 ReLU -> 1
sigmoid, binary cross-entropy, float32, plain SGD lr 0.1, batch 256 (the last batch is the
remainder, as DataLoader's), the rows shuffled each epoch by np.random.default_rng(1). Init: He
(Kaiming) normal N(0, 2/fan_in) for the two ReLU layers, Glorot (Xavier) uniform
U(-sqrt(6/(fan_in+fan_out)), +) for the sigmoid output layer, biases zero. Forward x @ W + b;
backward dL/dz3 = (p - y)/B, dW = a.T @ dz, db = dz.sum(0), dz = (dz_next @ W_next.T) * (z > 0).
The matrix products run in numpy's BLAS with its default threads. The label is the CSV's last column.

  train    np.loadtxt the CSV, train --epochs epochs; print the wall time of loading the CSV, of each
           epoch and the total; --save writes the weights with np.savez
  predict  load the weights (--model, np.load of the .npz), np.loadtxt the CSV (a last column named
           "label" in the header is dropped), forward in batches of 4096, write probability,class with
           np.savetxt (fmt "%.9g,%d", header "probability,class"); print rows/s

Every line goes to stdout and is flushed at once, so that a caller can time-stamp it. The last
line is "RESULT " and a JSON object of the figures (the PyTorch peer's key names).

Usage:
  python3 numpy_end_to_end.py train --data FILE --epochs E [--save MODEL.npz]
  python3 numpy_end_to_end.py predict --data FILE --model MODEL.npz --out PRED.csv
"""
import argparse
import json
import sys
import time

START = time.perf_counter()
import numpy as np  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - START
BATCH = 256
LR = 0.1
NAMES = ("W1", "b1", "W2", "b2", "W3", "b3")


def say(text):
    print(text, flush=True)


def settings():
    figures = {"threads": None, "versions": f"numpy {np.__version__}", "importSeconds": round(IMPORT_SECONDS, 3)}
    try:  # only to report what BLAS numpy runs and with how many threads
        from threadpoolctl import threadpool_info
        blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if blas:
            figures["threads"] = blas[0].get("num_threads")
            figures["blas"] = f"{blas[0].get('internal_api')} {blas[0].get('version')} ({blas[0].get('architecture')})"
    except ImportError:
        pass
    return figures


def init(rng):
    def he(fan_in, fan_out):
        return (rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)).astype(np.float32)

    def glorot(fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)

    return {"W1": he(100, 256), "b1": np.zeros(256, np.float32), "W2": he(256, 256), "b2": np.zeros(256, np.float32),
            "W3": glorot(256, 1), "b3": np.zeros(1, np.float32)}


def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def forward(w, x):
    return sigmoid(np.maximum(np.maximum(x @ w["W1"] + w["b1"], 0) @ w["W2"] + w["b2"], 0) @ w["W3"] + w["b3"])


def train(args):
    figures = settings()
    rng = np.random.default_rng(1)
    t = time.perf_counter()
    data = np.loadtxt(args.data, delimiter=",", skiprows=1, dtype=np.float32)
    load_seconds = time.perf_counter() - t
    x, y = data[:, :-1], data[:, -1:]
    n = len(x)
    say(f"loaded {args.data}: {n:,} rows, {x.shape[1]} features in {load_seconds:.2f} s "
        f"(np.loadtxt); BLAS threads {figures['threads']}")
    w = init(rng)
    W1, b1, W2, b2, W3, b3 = (w[k] for k in NAMES)
    epoch_seconds = []
    for epoch in range(1, args.epochs + 1):
        t = time.perf_counter()
        total_loss, correct = 0.0, 0
        order = rng.permutation(n)
        for i in range(0, n, BATCH):
            idx = order[i:i + BATCH]
            xb, yb = x[idx], y[idx]
            b = len(idx)
            # forward
            z1 = xb @ W1 + b1
            h1 = np.maximum(z1, 0)
            z2 = h1 @ W2 + b2
            h2 = np.maximum(z2, 0)
            z3 = h2 @ W3 + b3
            p = sigmoid(z3)
            # binary cross-entropy on the logits, log(1 + e^z) - y z, in its overflow-free form
            total_loss += float(np.sum(np.logaddexp(0, z3) - yb * z3))
            correct += int(np.sum((z3 > 0) == (yb > 0.5)))
            # backward
            dz3 = (p - yb) / b
            dW3 = h2.T @ dz3
            db3 = dz3.sum(axis=0)
            dz2 = (dz3 @ W3.T) * (z2 > 0)
            dW2 = h1.T @ dz2
            db2 = dz2.sum(axis=0)
            dz1 = (dz2 @ W2.T) * (z1 > 0)
            dW1 = xb.T @ dz1
            db1 = dz1.sum(axis=0)
            # plain SGD, in place
            W1 -= LR * dW1
            b1 -= LR * db1
            W2 -= LR * dW2
            b2 -= LR * db2
            W3 -= LR * dW3
            b3 -= LR * db3
        seconds = time.perf_counter() - t
        epoch_seconds.append(seconds)
        say(f"epoch {epoch}/{args.epochs}  loss {total_loss / n:.4f}  accuracy {correct / n:.4f}  "
            f"{seconds:.2f} s  ({n / seconds:,.0f} samples/s)")
    if args.save:
        np.savez(args.save, **w)
        say(f"wrote {args.save}")
    total = time.perf_counter() - START
    say(f"total {total:.2f} s (from interpreter start, import {IMPORT_SECONDS:.2f} s)")
    figures.update({"rows": n, "loadSeconds": round(load_seconds, 3), "readCsvSeconds": round(load_seconds, 3),
                    "epochSeconds": [round(s, 3) for s in epoch_seconds],
                    "samplesPerSecond": [round(n / s) for s in epoch_seconds],
                    "totalSecondsInProcess": round(total, 3), "dtype": str(W1.dtype)})
    say("RESULT " + json.dumps(figures))


def predict(args):
    figures = settings()
    with np.load(args.model) as saved:
        w = {k: saved[k] for k in NAMES}
    t = time.perf_counter()
    with open(args.data) as f:
        header = f.readline().strip().split(",")
    x = np.loadtxt(args.data, delimiter=",", skiprows=1, dtype=np.float32, ndmin=2)
    if header[-1] == "label":
        x = x[:, :-1]
    read_seconds = time.perf_counter() - t
    t = time.perf_counter()
    probability = np.concatenate([forward(w, x[i:i + 4096]) for i in range(0, len(x), 4096)])[:, 0]
    forward_seconds = time.perf_counter() - t
    t = time.perf_counter()
    np.savetxt(args.out, np.column_stack([probability, probability >= 0.5]), fmt=("%.9g", "%d"), delimiter=",",
               header="probability,class", comments="")
    write_seconds = time.perf_counter() - t
    total = time.perf_counter() - START
    say(f"predicted {len(x):,} rows: read {read_seconds:.2f} s, forward {forward_seconds:.2f} s, "
        f"write {write_seconds:.2f} s, total {total:.2f} s from interpreter start ({len(x) / total:,.0f} rows/s)")
    figures.update({"rows": len(x), "readSeconds": round(read_seconds, 3), "forwardSeconds": round(forward_seconds, 3),
                    "writeSeconds": round(write_seconds, 3), "totalSecondsInProcess": round(total, 3),
                    "rowsPerSecondInProcess": round(len(x) / total)})
    say("RESULT " + json.dumps(figures))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task", choices=["train", "predict"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--save", help="train: write the weights here (np.savez)")
    parser.add_argument("--model", help="predict: the weights (.npz)")
    parser.add_argument("--out", help="predict: the CSV to write")
    args = parser.parse_args()
    if args.task == "predict" and not (args.model and args.out):
        sys.exit("predict needs --model and --out")
    train(args) if args.task == "train" else predict(args)


if __name__ == "__main__":
    main()
