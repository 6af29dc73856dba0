"""End-to-end PyTorch + pandas peer of `dense4j train` and `dense4j predict` on a CSV file (issue 18).

Written the way PyTorch's users write it: pandas.read_csv, a TensorDataset, a DataLoader
(batch 256, shuffled), 100 -> Linear 256 ReLU -> Linear 256 ReLU -> Linear 1 with
BCEWithLogitsLoss and torch.optim.SGD(lr=0.1), float32, PyTorch's default weight init and
default number of threads (unless --threads). The label is the CSV's last column.

  train    read the CSV, train --epochs epochs; print the wall time of loading the CSV, of each
           epoch and the total; --save writes the state dict; --flush-denormal calls
           torch.set_flush_denormal(True)
  predict  load a state dict (--model), read the CSV (a last column named "label" is dropped),
           forward in batches of 4096 under torch.inference_mode(), write probability,class with
           DataFrame.to_csv; print rows/s

Every line goes to stdout and is flushed at once, so that a caller can time-stamp it. The last
line is "RESULT " and a JSON object of the figures.

Usage:
  python3 csv_end_to_end.py train --data FILE --epochs E [--flush-denormal] [--threads T] [--save MODEL.pt]
  python3 csv_end_to_end.py predict --data FILE --model MODEL.pt --out PRED.csv [--flush-denormal] [--threads T]
"""
import argparse
import json
import sys
import time

START = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import torch  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - START


def say(text):
    print(text, flush=True)


def network():
    return torch.nn.Sequential(torch.nn.Linear(100, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                               torch.nn.ReLU(), torch.nn.Linear(256, 1))


def settings(args):
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.flush_denormal:
        if not torch.set_flush_denormal(True):
            say("warning: torch.set_flush_denormal(True) is not supported on this CPU")
    return {"threads": torch.get_num_threads(), "flushDenormal": bool(args.flush_denormal),
            "versions": f"torch {torch.__version__}, pandas {pd.__version__}, numpy {np.__version__}",
            "importSeconds": round(IMPORT_SECONDS, 3)}


def train(args):
    figures = settings(args)
    torch.manual_seed(1)
    t = time.perf_counter()
    df = pd.read_csv(args.data)
    read_seconds = time.perf_counter() - t
    x = torch.tensor(df.iloc[:, :-1].values, dtype=torch.float32)
    y = torch.tensor(df.iloc[:, -1].values, dtype=torch.float32).unsqueeze(1)
    del df
    load_seconds = time.perf_counter() - t
    say(f"loaded {args.data}: {len(x):,} rows, {x.shape[1]} features in {load_seconds:.2f} s "
        f"(read_csv {read_seconds:.2f} s); threads {figures['threads']}, flush denormal {args.flush_denormal}")
    loader = DataLoader(TensorDataset(x, y), batch_size=256, shuffle=True)
    model = network()
    loss_fn = torch.nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    epoch_seconds = []
    for epoch in range(1, args.epochs + 1):
        t = time.perf_counter()
        total_loss, correct = 0.0, 0
        for xb, yb in loader:
            optimizer.zero_grad()
            logits = model(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(xb)
            correct += ((logits > 0).float() == yb).sum().item()
        seconds = time.perf_counter() - t
        epoch_seconds.append(seconds)
        say(f"epoch {epoch}/{args.epochs}  loss {total_loss / len(x):.4f}  accuracy {correct / len(x):.4f}  "
            f"{seconds:.2f} s  ({len(x) / seconds:,.0f} samples/s)")
    if args.save:
        torch.save(model.state_dict(), args.save)
        say(f"wrote {args.save}")
    total = time.perf_counter() - START
    say(f"total {total:.2f} s (from interpreter start, import {IMPORT_SECONDS:.2f} s)")
    figures.update({"rows": len(x), "loadSeconds": round(load_seconds, 3), "readCsvSeconds": round(read_seconds, 3),
                    "epochSeconds": [round(s, 3) for s in epoch_seconds],
                    "samplesPerSecond": [round(len(x) / s) for s in epoch_seconds],
                    "totalSecondsInProcess": round(total, 3)})
    say("RESULT " + json.dumps(figures))


def predict(args):
    figures = settings(args)
    model = network()
    model.load_state_dict(torch.load(args.model))
    model.eval()
    t = time.perf_counter()
    df = pd.read_csv(args.data)
    if df.columns[-1] == "label":
        df = df.drop(columns=df.columns[-1])
    x = torch.tensor(df.values, dtype=torch.float32)
    del df
    read_seconds = time.perf_counter() - t
    t = time.perf_counter()
    with torch.inference_mode():
        probability = torch.cat([torch.sigmoid(model(x[i:i + 4096])) for i in range(0, len(x), 4096)]).squeeze(1)
    forward_seconds = time.perf_counter() - t
    t = time.perf_counter()
    p = probability.numpy()
    pd.DataFrame({"probability": p, "class": (p >= 0.5).astype(np.int64)}).to_csv(args.out, index=False)
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
    parser.add_argument("--flush-denormal", action="store_true")
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads (default: PyTorch's)")
    parser.add_argument("--save", help="train: write the state dict here")
    parser.add_argument("--model", help="predict: the state dict")
    parser.add_argument("--out", help="predict: the CSV to write")
    args = parser.parse_args()
    if args.task == "predict" and not (args.model and args.out):
        sys.exit("predict needs --model and --out")
    train(args) if args.task == "train" else predict(args)


if __name__ == "__main__":
    main()
