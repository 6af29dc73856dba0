"""Time to accuracy on W-MLP for the Python peers: TimeToAccuracy.java's protocol, in PyTorch and numpy.

For each run (batch 1 at learning rates 0.1 and 0.01; batches 32, 256, 4096 and full at 0.1): the
training wall time until the mean binary cross-entropy on the 20,000 held-out rows first drops below
the target. Exactly TimeToAccuracy's protocol:
  * the same rows: the float32 files dense4j's TimeToAccuracyData writes (200,000 training rows,
    of which batch 1 uses the first 20,000; 20,000 held-out rows), read as they are;
  * 100 -> Dense 256 ReLU -> Dense 256 ReLU -> Dense 1 sigmoid, float32, starting from dense4j's own
    initial parameters (initial-parameters.f32: Glorot-uniform weights, zero biases), the same values;
  * plain SGD on the batch's mean loss; each epoch a fresh shuffle (drawn inside the timed epoch);
  * the held-out loss measured before training and then every --check-rows training rows (10,000 by
    default, rounded to whole batches, at least one step), mid-epoch too, its time not counted;
  * a batch whose loss is not finite stops the run before its update ("diverged at step N");
  * stop when the held-out loss < target, or when the training seconds reach the cap (both judged
    at the checks, as dense4j does).

Systems:
  pytorch  torch.nn.Linear layers, BCEWithLogitsLoss, torch.optim.SGD; 1 intra-op thread,
           denormals flushed (torch.set_flush_denormal)
  numpy    the textbook loop: hand-written, batch-vectorized backprop (numpy's BLAS, its default threads)

Output, in TimeToAccuracy's formats: the table on stdout (a title line, then
batch,learningRate,trainingRows,epochs,steps,seconds,heldOutLoss,outcome) and, with --curve, the curve
CSV (batch,learningRate,seconds,heldOutLoss). One system per process and per file: the driver
(benchmarks/time-to-accuracy) adds the system column when it merges them.

Usage: python3 time_to_accuracy.py --system pytorch|numpy --data DIR [--target 0.1] [--cap 60]
       [--check-rows 10000] [--curve FILE] [--runs 1:0.1,1:0.01,32:0.1,256:0.1,4096:0.1,full:0.1]
"""
import argparse
import os
import sys
import time

INPUTS, HIDDEN, ROWS, HELD_OUT_ROWS, BATCH1_ROWS = 100, 256, 200_000, 20_000, 20_000
RUNS = "1:0.1,1:0.01,32:0.1,256:0.1,4096:0.1,full:0.1"
SHUFFLE_SEED = 1


def load(directory):
    import numpy as np

    def read(name, shape):
        values = np.fromfile(os.path.join(directory, name), dtype="<f4")
        return values.reshape(shape)
    return (read("train-x.f32", (ROWS, INPUTS)), read("train-y.f32", (ROWS, 1)),
            read("heldout-x.f32", (HELD_OUT_ROWS, INPUTS)), read("heldout-y.f32", (HELD_OUT_ROWS, 1)),
            initial_parameters(read("initial-parameters.f32", (-1,))))


def initial_parameters(flat):
    """dense4j's flat parameter vector as [(weights [inputs, units], bias [units])] per Dense layer."""
    layers, at = [], 0
    for fan_in, fan_out in ((INPUTS, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, 1)):
        weights = flat[at:at + fan_in * fan_out].reshape(fan_in, fan_out)
        at += fan_in * fan_out
        layers.append((weights.copy(), flat[at:at + fan_out].copy()))
        at += fan_out
    if at != len(flat):
        raise ValueError(f"initial-parameters.f32 holds {len(flat)} values, W-MLP has {at}")
    return layers


class NumpyMlp:
    """The textbook way: weights as arrays, forward and backward by hand."""

    def __init__(self, learning_rate, parameters):
        import numpy as np
        self.np = np
        np.seterr(over="ignore")  # exp(-z) of a very negative logit: the sigmoid is then 0, as it should be
        self.w = [weights.copy() for weights, _ in parameters]
        self.b = [bias.copy() for _, bias in parameters]
        self.lr = np.float32(learning_rate)
        self.version = f"numpy {np.__version__}"
        self.setting = "default BLAS threads"

    def logits(self, x):
        np = self.np
        a1 = np.maximum(x @ self.w[0] + self.b[0], 0)
        a2 = np.maximum(a1 @ self.w[1] + self.b[1], 0)
        return a2 @ self.w[2] + self.b[2]

    def held_out_loss(self, x, y):
        np = self.np
        z = self.logits(x).astype(np.float64)
        return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))

    def step(self, x, y):
        """One SGD step on the batch's mean loss; returns that loss, not stepping if it is not finite."""
        np = self.np
        w1, w2, w3 = self.w
        b1, b2, b3 = self.b
        n = np.float32(len(x))
        z1 = x @ w1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ w2 + b2
        a2 = np.maximum(z2, 0)
        z3 = a2 @ w3 + b3
        loss = float(np.mean(np.maximum(z3, 0) - z3 * y + np.log1p(np.exp(-np.abs(z3)))))  # BCE from logits
        if not np.isfinite(loss):
            return loss
        dz3 = (1 / (1 + np.exp(-z3)) - y) / n
        dw3, db3 = a2.T @ dz3, dz3.sum(0)
        dz2 = (dz3 @ w3.T) * (z2 > 0)
        dw2, db2 = a1.T @ dz2, dz2.sum(0)
        dz1 = (dz2 @ w2.T) * (z1 > 0)
        dw1, db1 = x.T @ dz1, dz1.sum(0)
        lr = self.lr
        for value, gradient in ((w1, dw1), (b1, db1), (w2, dw2), (b2, db2), (w3, dw3), (b3, db3)):
            value -= lr * gradient
        return loss


class TorchMlp:
    def __init__(self, learning_rate, parameters):
        import torch
        self.torch = torch
        torch.set_num_threads(1)
        torch.set_flush_denormal(True)
        self.model = torch.nn.Sequential(torch.nn.Linear(INPUTS, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, HIDDEN),
                                         torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 1))
        linear = [layer for layer in self.model if isinstance(layer, torch.nn.Linear)]
        with torch.no_grad():
            for layer, (weights, bias) in zip(linear, parameters):
                layer.weight.copy_(torch.from_numpy(weights.T.copy()))  # torch keeps [units, inputs]
                layer.bias.copy_(torch.from_numpy(bias))
        self.loss_function = torch.nn.BCEWithLogitsLoss()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=learning_rate)
        self.version = f"torch {torch.__version__}"
        self.setting = "1 intra-op thread, denormals flushed"

    def held_out_loss(self, x, y):
        torch = self.torch
        with torch.no_grad():
            return float(self.loss_function(self.model(torch.from_numpy(x)), torch.from_numpy(y)))

    def step(self, x, y):
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.loss_function(self.model(x), y)
        value = loss.item()
        if value != value or value in (float("inf"), float("-inf")):
            return value
        loss.backward()
        self.optimizer.step()
        return value


def run(system, batch_name, learning_rate, data, target, cap, check_rows, curve):
    import numpy as np
    train_x, train_y, held_x, held_y, parameters = data
    batch_size = ROWS if batch_name == "full" else int(batch_name)
    rows = BATCH1_ROWS if batch_size == 1 else ROWS
    batch_size = min(batch_size, rows)
    x_all, y_all = train_x[:rows], train_y[:rows]
    model = NumpyMlp(learning_rate, parameters) if system == "numpy" else TorchMlp(learning_rate, parameters)
    torch = model.torch if system == "pytorch" else None
    shuffler = np.random.default_rng(SHUFFLE_SEED)
    steps_per_epoch = (rows + batch_size - 1) // batch_size
    every = max(1, (check_rows + batch_size // 2) // batch_size)  # TimeToAccuracy.stepsBetweenChecks
    seconds, steps, outcome = 0.0, 0, None
    loss = model.held_out_loss(held_x, held_y)
    curve.append(f"{batch_name},{learning_rate},{seconds:.4f},{loss:.6f}")
    while outcome is None and loss >= target and seconds < cap:
        started = time.perf_counter()
        order = shuffler.permutation(rows)
        x, y = x_all[order], y_all[order]  # the epoch's shuffled copy, as dense4j copies each batch in epoch order
        if torch is not None:
            x, y = torch.from_numpy(x), torch.from_numpy(y)
        for batch in range(steps_per_epoch):
            start = batch * batch_size
            batch_loss = model.step(x[start:start + batch_size], y[start:start + batch_size])
            if not np.isfinite(batch_loss):
                outcome = f"diverged at step {steps + 1}"
                seconds += time.perf_counter() - started
                break
            steps += 1
            if steps % every == 0:
                seconds += time.perf_counter() - started
                loss = model.held_out_loss(held_x, held_y)  # outside the timed part
                curve.append(f"{batch_name},{learning_rate},{seconds:.4f},{loss:.6f}")
                if loss < target or seconds >= cap:
                    break
                started = time.perf_counter()
        else:
            seconds += time.perf_counter() - started
    epochs = steps // steps_per_epoch
    if outcome is None:
        outcome = "reached" if loss < target else "not within the cap"
    print(f"{batch_name},{learning_rate},{rows},{epochs},{steps},{seconds:.2f},{loss:.4f},{outcome}", flush=True)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--system", choices=["numpy", "pytorch"], required=True)
    parser.add_argument("--data", required=True, help="the directory TimeToAccuracyData wrote")
    parser.add_argument("--target", type=float, default=0.1)
    parser.add_argument("--cap", type=float, default=60.0, help="training seconds per run")
    parser.add_argument("--check-rows", type=int, default=10_000, help="training rows between held-out checks")
    parser.add_argument("--curve", help="where to write the curve CSV")
    parser.add_argument("--runs", default=RUNS, help="batch:learningRate pairs")
    arguments = parser.parse_args()
    data = load(arguments.data)
    curve = ["batch,learningRate,seconds,heldOutLoss"]
    model = None
    header_printed = False
    for pair in arguments.runs.split(","):
        batch_name, learning_rate = pair.split(":")
        if not header_printed:
            probe = NumpyMlp(0.1, data[4]) if arguments.system == "numpy" else TorchMlp(0.1, data[4])
            print(f"W-MLP, SGD, float32, {arguments.system} ({probe.version}, {probe.setting}): wall time until the "
                  f"held-out loss < {arguments.target} (cap {arguments.cap:.0f} s)")
            print("batch,learningRate,trainingRows,epochs,steps,seconds,heldOutLoss,outcome", flush=True)
            header_printed = True
        model = run(arguments.system, batch_name, float(learning_rate), data, arguments.target, arguments.cap,
                    arguments.check_rows, curve)
    if arguments.curve:
        with open(arguments.curve, "w") as file:
            file.write("\n".join(curve) + "\n")
    return 0 if model is not None else 1


if __name__ == "__main__":
    sys.exit(main())
