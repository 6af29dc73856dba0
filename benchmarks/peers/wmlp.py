"""W-MLP training throughput of the Python peers, for the same-run comparison in benchmarks/run.

One training step = forward, binary cross-entropy, backward and a plain-SGD update (learning rate
0.1, float32) of 100 -> Dense 256 ReLU -> Dense 256 ReLU -> Dense 1 sigmoid, on a fixed batch of
the data recipe in docs/workloads.md (x ~ N(0, 1); y = 1 if w_t . x > 0), Glorot-uniform
weights, zero biases: what dense4j's TrainingStepBenchmark times.

Systems:
  numpy    the textbook way: hand-written, batch-vectorized backprop in numpy (its BLAS, its threads)
  pytorch  torch.nn.Linear layers, BCEWithLogitsLoss, torch.optim.SGD, timed with 1 and with 2
           intra-op threads; the faster setting is reported, and named

Each batch size runs in a child process of its own, so its peak RSS is its own. Output: one JSON
object per line: workload, system, batch (a number, or "full"), samplesPerSecond (the median of
the timed windows), windows, peakRssMiB, setting, version.

Usage: python3 wmlp.py --system numpy|pytorch [--seconds S] [--windows N] [--batches 1,32,256,4096,full]
"""
import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

INPUTS, HIDDEN, ROWS, BATCH1_ROWS = 100, 256, 200_000, 20_000
LEARNING_RATE = 0.1


def data(rows):
    import numpy as np
    x = np.random.default_rng(42).standard_normal((rows, INPUTS), dtype=np.float32)
    teacher = np.random.default_rng(7).standard_normal(INPUTS).astype(np.float32)
    y = (x @ teacher > 0).astype(np.float32).reshape(-1, 1)
    return x, y


def glorot(rng, fan_in, fan_out):
    import numpy as np
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def numpy_step(x, y):
    """A closure running one textbook training step on (x, y); returns the batch's mean loss."""
    import numpy as np
    rng = np.random.default_rng(1)
    w1, w2, w3 = glorot(rng, INPUTS, HIDDEN), glorot(rng, HIDDEN, HIDDEN), glorot(rng, HIDDEN, 1)
    b1, b2, b3 = (np.zeros(n, dtype=np.float32) for n in (HIDDEN, HIDDEN, 1))
    n = np.float32(len(x))
    lr = np.float32(LEARNING_RATE)

    def step():
        z1 = x @ w1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ w2 + b2
        a2 = np.maximum(z2, 0)
        z3 = a2 @ w3 + b3
        loss = np.mean(np.maximum(z3, 0) - z3 * y + np.log1p(np.exp(-np.abs(z3))))  # BCE from logits
        dz3 = (1 / (1 + np.exp(-z3)) - y) / n
        dw3, db3 = a2.T @ dz3, dz3.sum(0)
        dz2 = (dz3 @ w3.T) * (z2 > 0)
        dw2, db2 = a1.T @ dz2, dz2.sum(0)
        dz1 = (dz2 @ w2.T) * (z1 > 0)
        dw1, db1 = x.T @ dz1, dz1.sum(0)
        for value, gradient in ((w1, dw1), (b1, db1), (w2, dw2), (b2, db2), (w3, dw3), (b3, db3)):
            value -= lr * gradient
        return float(loss)
    return step, f"numpy {np.__version__}", "default BLAS threads"


def torch_step(x, y, threads):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(INPUTS, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, HIDDEN),
                                torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 1))
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    loss_function = torch.nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    features, labels = torch.from_numpy(x), torch.from_numpy(y)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_function(model(features), labels)
        loss.backward()
        optimizer.step()
        return loss.item()
    return step, f"torch {torch.__version__}", f"{threads} intra-op thread{'s' if threads > 1 else ''}"


def timed(step, batch, seconds, windows):
    """Samples/s of each timed window after a warm-up window."""
    rates = []
    for window in range(windows + 1):
        steps, started = 0, time.perf_counter()
        while True:
            step()
            steps += 1
            elapsed = time.perf_counter() - started
            if elapsed >= seconds:
                break
        if window > 0:
            rates.append(steps * batch / elapsed)
    return rates


def one(system, batch_name, seconds, windows):
    rows = BATCH1_ROWS if batch_name == "1" else ROWS
    batch = rows if batch_name == "full" else int(batch_name)
    x, y = data(rows)
    x, y = x[:batch].copy(), y[:batch].copy()
    best = None
    settings = [None] if system == "numpy" else [1, 2]
    for threads in settings:
        step, version, setting = numpy_step(x, y) if system == "numpy" else torch_step(x, y, threads)
        rates = timed(step, batch, seconds, windows)
        if best is None or statistics.median(rates) > statistics.median(best[0]):
            best = (rates, version, setting)
    rates, version, setting = best
    print(json.dumps({"workload": "W-MLP step", "system": system, "batch": batch_name if batch_name == "full" else batch,
                      "samplesPerSecond": statistics.median(rates), "windows": rates,
                      "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "setting": setting, "version": version}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--system", choices=["numpy", "pytorch"], required=True)
    parser.add_argument("--seconds", type=float, default=2.0, help="length of each timed window")
    parser.add_argument("--windows", type=int, default=5, help="timed windows after one warm-up window")
    parser.add_argument("--batches", default="1,32,256,4096,full")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        one(arguments.system, arguments.one, arguments.seconds, arguments.windows)
        return
    for batch in arguments.batches.split(","):
        subprocess.run([sys.executable, __file__, "--system", arguments.system, "--seconds", str(arguments.seconds),
                        "--windows", str(arguments.windows), "--one", batch], check=True)


if __name__ == "__main__":
    main()
