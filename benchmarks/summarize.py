"""Prints the summary tables of a JMH run of the dense4j benchmarks and writes results.json.

Usage: python3 summarize.py OUT/jmh.json OUT/results.json [OUT/peers.jsonl [OUT/memory.jsonl]]

peers.jsonl holds the Python peers' results (peers/wmlp.py), memory.jsonl the peak RSS of
training runs (TrainingMemory), one JSON object per line.
"""
import csv
import json
import os
import sys

PACKAGE = "io.dense4j.benchmarks."
INTERNALS = "io.dense4j.runtime."  # benchmarks of package-private ops live in their package

# Training FLOP per sample and step of W-MLP: forward gemms 2·(100·256 + 256·256 + 256), the weight
# gradients the same again, and input gradients for layers 2 and 3 only (the first layer needs none).
TRAINING_FLOP_PER_SAMPLE = 2 * (100 * 256 * 2 + 256 * 256 * 3 + 256 * 3)

# W-MLP's full batch: all its rows in one step.
FULL_BATCH_ROWS = 200_000

SECONDS = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}


def per_second(score, unit):
    """A throughput score in ops/<time unit> as ops/s."""
    return score / SECONDS[unit.split("/")[1]]


def seconds(score, unit):
    """An average-time score in <time unit>/op as seconds per op."""
    return score * SECONDS[unit.split("/")[0]]


def alloc_bytes(result):
    """Bytes allocated per op, from JMH's GC profiler (its metric name has a leading dot in some versions)."""
    for name, metric in result.get("secondaryMetrics", {}).items():
        if name.lstrip("·") == "gc.alloc.rate.norm":
            return metric["score"]
    return None


def number(value):
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def table(header, rows, names_first=True):
    """Prints aligned columns: numbers right-aligned, and the first column left-aligned if it holds names."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    for line in [header, ["-" * width for width in widths], *rows]:
        cells = [str(cell).rjust(width) for cell, width in zip(line, widths)]
        if names_first:
            cells[0] = str(line[0]).ljust(widths[0])
        print("  ".join(cells))
    print()


def main(jmh_path, results_path, peers_path=None, memory_path=None):
    with open(jmh_path) as file:
        runs = json.load(file)
    groups = {}
    for run in runs:
        benchmark = run["benchmark"].removeprefix(PACKAGE).removeprefix(INTERNALS)
        groups.setdefault(benchmark.split(".")[0], []).append(run)
    results = []

    best_gflops = None
    sgemm_rows = []
    for run in groups.pop("SgemmBenchmark", []):
        shape = run["params"]["shape"]
        m, k, n = (int(size) for size in shape.split("x"))
        metric = run["primaryMetric"]
        gflops = 2 * m * k * n / seconds(metric["score"], metric["scoreUnit"]) / 1e9
        best_gflops = max(best_gflops or 0, gflops)
        sgemm_rows.append([shape, number(gflops), number(alloc_bytes(run))])
        results.append({"workload": "sgemm", "system": "dense4j", "batch": m, "shape": shape,
                        "gflops": gflops, "allocBytesPerOp": alloc_bytes(run)})

    csv_rows = []
    csv_runs = []
    for run in groups.pop("CsvBenchmark", []):
        method = run["benchmark"].rsplit(".", 1)[1]
        counter = run.get("secondaryMetrics", {}).get("bytes")
        if counter is None:
            continue
        mb_per_second = per_second(counter["score"], counter["scoreUnit"]) / 1e6
        rows_counter = run.get("secondaryMetrics", {}).get("rows")
        rows_per_second = per_second(rows_counter["score"], rows_counter["scoreUnit"]) if rows_counter else None
        system = {"datavec": "datavec", "readBytes": "cat"}.get(method, "dense4j")
        csv_runs.append((method, run, mb_per_second, rows_per_second))
        results.append({"workload": "W-CSV", "system": system, "variant": method, "batch": None if method in ("parse", "readBytes")
                        or method.startswith("open") else 256, "rows": int(run["params"]["rows"]),
                        "mbPerSecond": mb_per_second, "rowsPerSecond": rows_per_second or None,
                        "allocBytesPerOp": alloc_bytes(run)})
    datavec = next((mb for method, _, mb, _ in csv_runs if method == "datavec"), None)
    for method, run, mb_per_second, rows_per_second in sorted(csv_runs, key=lambda entry: -entry[2]):
        csv_rows.append([method, run["params"]["rows"], number(mb_per_second), number(rows_per_second or None),
                         "-" if not datavec else f"{mb_per_second / datavec:.1f}x", number(alloc_bytes(run))])

    training_rows = []

    def batch_then_threads(run):
        params = run["params"]
        return int(params["batch"]), params.get("threads", "policy"), params.get("parts", "policy")

    for run in sorted(groups.pop("TrainingStepBenchmark", []), key=batch_then_threads):
        batch, threads, parts = batch_then_threads(run)
        metric = run["primaryMetric"]
        steps = per_second(metric["score"], metric["scoreUnit"])
        samples = steps * batch
        fraction = None
        if batch >= 256 and best_gflops:
            fraction = samples * TRAINING_FLOP_PER_SAMPLE / 1e9 / best_gflops
        training_rows.append([batch, threads, parts, number(steps), number(samples), number(alloc_bytes(run)),
                              "-" if fraction is None else f"{fraction:.0%}"])
        results.append({"workload": "W-MLP step", "system": "dense4j", "batch": "full" if batch == FULL_BATCH_ROWS else batch,
                        "threads": threads, "parts": parts,
                        "samplesPerSecond": samples, "allocBytesPerOp": alloc_bytes(run)})

    for run in sorted(groups.pop("Dl4jTrainingStepBenchmark", []), key=lambda run: int(run["params"]["batch"])):
        batch = int(run["params"]["batch"])
        metric = run["primaryMetric"]
        samples = per_second(metric["score"], metric["scoreUnit"]) * batch
        results.append({"workload": "W-MLP step", "system": "dl4j", "batch": "full" if batch == FULL_BATCH_ROWS else batch,
                        "samplesPerSecond": samples, "allocBytesPerOp": alloc_bytes(run)})
    peer_notes = []
    if peers_path:
        with open(peers_path) as file:
            for line in file:
                if line.strip():
                    peer = json.loads(line)
                    results.append(peer)
                    note = f"{peer['system']}: {peer.get('version', '?')}, {peer.get('setting', '')}"
                    if note not in peer_notes:
                        peer_notes.append(note)
    memory_rows = {}
    if memory_path:
        with open(memory_path) as file:
            for line in file:
                if line.strip():
                    run = json.loads(line)
                    results.append(run)
                    memory_rows.setdefault(str(run["batch"]), {})[run["system"]] = run
    for row in results:
        if row.get("workload") == "W-MLP step" and "peakRssMiB" in row and row["system"] in ("pytorch", "numpy"):
            memory_rows.setdefault(str(row["batch"]), {})[row["system"]] = row
    peer_rows = []
    w_mlp = {}
    for row in results:
        if row.get("workload") == "W-MLP step" and row.get("threads", "policy") == "policy" \
                and row.get("parts", "policy") == "policy" and "samplesPerSecond" in row:
            w_mlp.setdefault(str(row["batch"]), {}).setdefault(row["system"], row)
    peers = [system for system in ("dl4j", "pytorch", "numpy") if any(system in by_system for by_system in w_mlp.values())]
    for batch in sorted(w_mlp, key=lambda name: FULL_BATCH_ROWS if name == "full" else int(name)):
        by_system = w_mlp[batch]
        ours = by_system.get("dense4j", {}).get("samplesPerSecond")
        if not peers:
            break
        line = [batch, number(ours)]
        for system in peers:
            theirs = by_system.get(system, {}).get("samplesPerSecond")
            line += [number(theirs), "-" if not (ours and theirs) else f"{ours / theirs:.1f}x"]
        rss = [f"{system} {by_system[system]['peakRssMiB']:,.0f}" for system in peers
               if "peakRssMiB" in by_system.get(system, {})]
        peer_rows.append(line + [", ".join(rss) or "-"])

    lr_rows = []
    for run in sorted(groups.pop("WLrTrainingStepBenchmark", []), key=lambda run: int(run["params"]["batch"])):
        batch = int(run["params"]["batch"])
        metric = run["primaryMetric"]
        steps = per_second(metric["score"], metric["scoreUnit"])
        lr_rows.append([batch, number(steps), number(steps * batch)])
        results.append({"workload": "W-LR step", "system": "dense4j", "batch": batch, "samplesPerSecond": steps * batch,
                        "allocBytesPerOp": alloc_bytes(run)})

    other_rows = []
    for group, group_runs in sorted(groups.items()):
        for run in group_runs:
            method = run["benchmark"].removeprefix(PACKAGE).removeprefix(INTERNALS)
            params = run.get("params", {})
            metric = run["primaryMetric"]
            other_rows.append([method, " ".join(f"{key}={value}" for key, value in params.items()),
                               number(metric["score"]), f"± {number(metric['scoreError'])}",
                               metric["scoreUnit"], number(alloc_bytes(run))])
            result = {"workload": workload(method, params), "system": "dense4j",
                      "batch": int(params["batch"]) if "batch" in params else None,
                      "score": metric["score"], "unit": metric["scoreUnit"],
                      "allocBytesPerOp": alloc_bytes(run)}
            if "batch" in params and metric["scoreUnit"].endswith("/op"):
                result["samplesPerSecond"] = int(params["batch"]) / seconds(metric["score"], metric["scoreUnit"])
            results.append(result)

    if training_rows:
        print("W-MLP training step (float32, plain SGD)")
        table(["batch", "threads", "parts", "steps/s", "samples/s", "B/step", "of best sgemm"], training_rows,
              names_first=False)
    if lr_rows:
        print("W-LR training step (20 inputs, Dense 1 Sigmoid, float32, plain SGD)")
        table(["batch", "steps/s", "samples/s"], lr_rows, names_first=False)
    if peer_rows:
        print("W-MLP training step against the peers (samples/s, same run; dense4j's ratio to each)")
        header = ["batch", "dense4j"]
        for system in peers:
            header += [system, f"vs {system}"]
        table(header + ["peer peak RSS (MiB)"], peer_rows, names_first=False)
        for note in peer_notes:
            print("  " + note)
        print()
    if memory_rows:
        print("Peak RSS of a W-MLP training run (MiB; data of 200,000 rows included; Deeplearning4j stops at the cap)")
        systems = [system for system in ("dense4j", "dl4j", "pytorch", "numpy")
                   if any(system in by_system for by_system in memory_rows.values())]
        lines = []
        for batch in sorted(memory_rows, key=lambda name: FULL_BATCH_ROWS if name == "full" else int(name)):
            line = [batch]
            for system in systems:
                run = memory_rows[batch].get(system)
                cell = "-" if run is None else f"{run['peakRssMiB']:,.0f}"
                if run is not None and "samples" in run and system == "dl4j":
                    cell += f" ({run['samples']:,} rows in {run['seconds']:.0f} s)"
                line.append(cell)
            lines.append(line)
        table(["batch"] + systems, lines, names_first=False)
    if csv_rows:
        print("W-CSV (100 features + label per row; MB/s of CSV text; batches of 256 rows where a method makes batches)")
        table(["benchmark", "rows", "MB/s", "rows/s", "vs DataVec", "B/op"], csv_rows)
    if sgemm_rows:
        print("sgemm (m x k x n, float32)")
        table(["shape", "GFLOP/s", "B/op"], sgemm_rows)
    if other_rows:
        table(["benchmark", "params", "score", "error", "unit", "B/op"], other_rows)
    folder = os.path.dirname(results_path) or "."
    converging(os.path.join(folder, "converging.jsonl"), results)
    end_to_end(os.path.join(folder, "end-to-end", "results.json"), results)
    time_to_accuracy(os.path.join(folder, "time-to-accuracy-all.csv"), results)
    with open(results_path, "w") as file:
        json.dump(results, file, indent=2)
        file.write("\n")
    print(f"wrote {results_path}")


def converging(path, results):
    """ConvergingThroughput's runs, when this run made them: into results.json, and per epoch the
    converging run's samples/s over the non-learning run's of the same repeat (issue 18's goal:
    within 10% at every epoch)."""
    if not os.path.exists(path):
        return
    with open(path) as file:
        runs = [json.loads(line) for line in file if line.strip()]
    if not runs:
        return
    results.extend(runs)
    learning = {run["run"]: run["samplesPerSecond"] for run in runs if run["learningRate"] == 0.1}
    still = {run["run"]: run["samplesPerSecond"] for run in runs if run["learningRate"] != 0.1}
    lines = []
    for repeat in sorted(learning.keys() & still.keys()):
        ratios = [a / b for a, b in zip(learning[repeat], still[repeat])]
        lines.append([str(repeat)] + [f"{ratio:.2f}" for ratio in ratios] + [f"{min(ratios):.2f}"])
    if lines:
        epochs = len(lines[0]) - 2
        print(f"W-MLP converging (lr 0.1) over learning nothing (lr 1e-9), samples/s per epoch ({runs[0]['rows']:,} rows, batch 256)")
        table(["repeat"] + [f"epoch {e + 1}" for e in range(epochs)] + ["lowest"], lines)


def end_to_end(path, results):
    """benchmarks/end-to-end's runs, when this run made them: into results.json, and the medians over rounds."""
    if not os.path.exists(path):
        return
    with open(path) as file:
        runs = json.load(file)["runs"]
    lines = []
    for run in runs:
        results.append({"workload": f"W-CSV end to end {run['task']}", **{key: run[key] for key in run if key != "notes"}})
    for task, measure in (("train", "firstEpochSeconds"), ("predict", "totalSeconds")):
        names = dict.fromkeys((run["system"], run["setting"]) for run in runs if run["task"] == task)
        for system, setting in names:
            values = sorted(run[measure] for run in runs if run["task"] == task and run["system"] == system
                            and run["setting"] == setting and run.get(measure) is not None)
            if values:
                rss = max(run["peakRssBytes"] or 0 for run in runs if run["task"] == task and run["system"] == system
                          and run["setting"] == setting)
                lines.append([task, system, setting, measure, f"{values[len(values) // 2]:.2f}", f"{rss / 2**20:,.0f}"])
    if lines:
        print(f"End to end from the W-CSV file ({runs[0]['rows']:,} rows; medians over rounds, in seconds)")
        table(["task", "system", "setting", "what", "seconds", "peak RSS (MiB)"], lines)


def time_to_accuracy(path, results):
    """benchmarks/time-to-accuracy's merged table, when this run wrote one: into results.json, and each system's best."""
    if not os.path.exists(path):
        return
    with open(path) as file:
        rows = list(csv.DictReader(file))
    best = {}
    for row in rows:
        reached = row["secondsToTarget"] != "not reached"
        results.append({"workload": "W-MLP time to held-out loss < 0.1", "system": row["system"], "batch": row["batch"],
                        "learningRate": float(row["learningRate"]),
                        "secondsToTarget": float(row["secondsToTarget"]) if reached else None,
                        "finalHeldOutLoss": float(row["finalHeldOutLoss"]), "epochs": int(row["epochs"]),
                        "round": int(row["round"])})
        if reached and (row["system"] not in best or float(row["secondsToTarget"]) < float(best[row["system"]]["secondsToTarget"])):
            best[row["system"]] = row
    print("Time to held-out loss < 0.1, each system's best batch size (same run, same rows)")
    lines = [[system, best[system]["batch"], best[system]["learningRate"], f"{float(best[system]['secondsToTarget']):.2f}"]
             for system in best]
    table(["system", "batch", "learning rate", "seconds"], lines, names_first=False)
    if "dense4j" in best:
        for system in best:
            if system != "dense4j":
                ratio = float(best[system]["secondsToTarget"]) / float(best["dense4j"]["secondsToTarget"])
                print(f"  dense4j's best is {ratio:.2f}x as fast as {system}'s best")
        print()


def workload(method, params):
    """The name of a LayerBenchmark result in results.json."""
    names = {"LayerBenchmark.forward": "W-MLP forward", "LayerBenchmark.lossFromLogits": "sigmoid+BCE"}
    if method == "LayerBenchmark.update":
        return f"W-MLP update {params['optimizer']}"
    return names.get(method, method)


if __name__ == "__main__":
    main(*sys.argv[1:])
