#!/usr/bin/python3
"""Compare dense4j's default flags with scikit-learn's logistic regression on the tables.

For each table written by tables.py: shuffle the rows with RandomState(0), train on the
first 70% and score ROC AUC on the rest with
  - dense4j with its defaults (plus the fewest flags it asks for when it refuses them),
  - the same with --epochs E for each E given,
  - scikit-learn: one-hot text columns and standardized number columns into
    LogisticRegression, and the same on the number columns alone.
Writes results.jsonl (one line per table) and results.md into --out-dir.
"""
import argparse
import json
import math
import re
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = Path(__file__).resolve().parent
DEFAULT_JAR = HERE.parent.parent / "target" / "dense4j-0.1.0.jar"  # built by mvn package at the top level
OPENBLAS_ENV = HERE.parent.parent / "src" / "main" / "scripts" / "openblas-env.sh"
TRAIN_SHARE = 0.7
BATCH_SIZE = 32  # dense4j's default --batch-size
# The cells dense4j reads as missing without --missing-values; pandas is told the same.
MISSING = ["", "NA", "N/A", "NaN"]
# Flags without a value that dense4j may name when it refuses a file; added one at a time.
REMEDIES = ["--fill-missing"]
MESSAGE = re.compile(r"^(Note|Warning|Error|dense4j):")
READ_LINE = re.compile(r"^Read .*? features(?: \(([\d,]+) categorical\))?")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jar", default=DEFAULT_JAR, help="the dense4j jar (its lib/ beside it)")
    parser.add_argument("--epochs", type=int, nargs="*", default=[20, 40, 100],
                        help="explicit --epochs values to run besides the defaults")
    parser.add_argument("--tables", help="comma-separated table names (default: all)")
    parser.add_argument("--tables-dir", type=Path, default=HERE / "tables",
                        help="where tables.py wrote the CSV files and manifest.json")
    parser.add_argument("--work", type=Path, default=HERE / "runs",
                        help="scratch folder: one subfolder per table with its split and models")
    parser.add_argument("--out-dir", type=Path, default=HERE, help="where results.* are written")
    return parser.parse_args()


def chosen_tables(manifest_path, names):
    tables = json.loads(manifest_path.read_text())
    if not names:
        return tables
    wanted = names.split(",")
    unknown = set(wanted) - {t["name"] for t in tables}
    if unknown:
        raise SystemExit(f"unknown tables: {', '.join(sorted(unknown))}")
    return [t for t in tables if t["name"] in wanted]


def split(csv_path, folder):
    """Write train.csv and test.csv: the rows shuffled by RandomState(0), the first 70% train."""
    rows = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    order = np.random.RandomState(0).permutation(len(rows))
    cut = int(len(rows) * TRAIN_SHARE)
    folder.mkdir(parents=True, exist_ok=True)
    rows.iloc[order[:cut]].to_csv(folder / "train.csv", index=False)
    rows.iloc[order[cut:]].to_csv(folder / "test.csv", index=False)


def read_for_sklearn(path, label):
    return pd.read_csv(path, keep_default_na=False, na_values=MISSING, dtype={label: str})


def column_kinds(frame, label):
    """Number columns (parsed as int or float) and text columns (everything else)."""
    features = [c for c in frame.columns if c != label]
    numbers = [c for c in features if frame[c].dtype.kind in "if"]
    return numbers, [c for c in features if c not in numbers]


def dense4j(jar, folder, *args):
    """Run a dense4j command in folder; its exit code, output lines and wall seconds."""
    # The JVM starts as ./dense4j starts it, after the script that picks OpenBLAS's kernels for
    # this CPU: AVX-512 ones where the bundled OpenBLAS would not choose them, never where the
    # CPU lacks them (they stop the JVM with SIGILL).
    start = time.monotonic()
    done = subprocess.run(["bash", "-c", 'source "$0" && exec java -jar "$@"', str(OPENBLAS_ENV), str(jar), *args],
                          cwd=folder, capture_output=True, text=True)
    seconds = time.monotonic() - start
    return done.returncode, (done.stdout + done.stderr).splitlines(), seconds


def train_and_evaluate(jar, folder, label, flags, tag):
    """Train on train.csv with flags, score test.csv; a dict of what happened."""
    for cache in folder.glob("train.csv.dense4j-cache*"):
        cache.unlink()  # every timed run parses the CSV, as a first run does
    model = f"model-{tag}.zip"
    (folder / model).unlink(missing_ok=True)  # a failed train must not leave an old model to score
    code, lines, seconds = dense4j(jar, folder, "train", "--data", "train.csv", "--label", label,
                                   "--out", model, *flags)
    run = {"flags": flags, "exit": code, "seconds": round(seconds, 2),
           "messages": [line for line in lines if MESSAGE.match(line)],
           "categorical": categorical_count(lines), "auc": None}
    if (folder / model).exists():
        run.update(evaluate(jar, folder, label, model))
    return run


def categorical_count(train_lines):
    """How many feature columns dense4j read as categorical, from its 'Read ...' line."""
    for line in train_lines:
        found = READ_LINE.match(line)
        if found:
            return int((found.group(1) or "0").replace(",", ""))
    return None


def evaluate(jar, folder, label, model):
    code, lines, _ = dense4j(jar, folder, "evaluate", "--model", model, "--data", "test.csv",
                             "--label", label, "--json")
    if code != 0:
        return {"evaluate_exit": code, "evaluate_messages": lines[-3:]}
    scores = json.loads(next(line for line in lines if line.startswith("{")))
    return {"auc": scores["rocAuc"], "classes": scores["classes"]}


def train_defaults(jar, folder, label):
    """dense4j's defaults; when it refuses them and names a remedy flag, add it and retry."""
    flags, refusals = [], []
    while True:
        run = train_and_evaluate(jar, folder, label, flags, "defaults")
        remedy = next((r for r in REMEDIES if r not in flags
                       and any(r in m for m in run["messages"])), None)
        if run["exit"] == 0 or remedy is None:
            run["refusals"] = refusals
            return run
        refusals.append({"flags": list(flags), "exit": run["exit"], "messages": run["messages"]})
        flags = flags + [remedy]


def sklearn_auc(train, test, label, class1, numbers, texts):
    """ROC AUC of LogisticRegression for class1, or None without any feature column."""
    parts = []
    if texts:
        parts.append(("text", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                                            OneHotEncoder(handle_unknown="ignore")), texts))
    if numbers:
        parts.append(("number", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()),
                      numbers))
    if not parts:
        return None
    model = make_pipeline(ColumnTransformer(parts), LogisticRegression(max_iter=1000))
    features = numbers + texts
    model.fit(train[features], train[label] == class1)
    return roc_auc_score(test[label] == class1, model.predict_proba(test[features])[:, 1])


def class_one(table, runs):
    """dense4j's class 1: the second of the two labels in sorted order (it says so in evaluate)."""
    class1 = sorted(table["classes"])[1]
    for run in runs:
        if run.get("classes") and run["classes"][1] != class1:
            raise SystemExit(f"{table['name']}: dense4j's class 1 is {run['classes'][1]}, not {class1}")
    return class1


def compare_table(table, args):
    name, label = table["name"], table["label"]
    folder = args.work / name
    split(args.tables_dir / f"{name}.csv", folder)
    train = read_for_sklearn(folder / "train.csv", label)
    test = read_for_sklearn(folder / "test.csv", label)
    numbers, texts = column_kinds(train, label)

    defaults = train_defaults(args.jar, folder, label)
    by_epochs = {str(e): train_and_evaluate(args.jar, folder, label,
                                            defaults["flags"] + ["--epochs", str(e)], f"e{e}")
                 for e in args.epochs}
    class1 = class_one(table, [defaults, *by_epochs.values()])
    labels = pd.concat([train[label], test[label]])
    return {
        **{k: table[k] for k in ("name", "package", "source", "label", "positive")},
        "class1": class1,
        "rows_train": len(train),
        "rows_test": len(test),
        "number_columns": len(numbers),
        "text_columns": len(texts),
        "positive_share": round(float((labels == table["positive"]).mean()), 4),
        "steps_per_epoch": math.ceil(len(train) / BATCH_SIZE),
        "dense4j_defaults": defaults,
        "dense4j_epochs": by_epochs,
        "sklearn_auc": sklearn_auc(train, test, label, class1, numbers, texts),
        "sklearn_numbers_auc": sklearn_auc(train, test, label, class1, numbers, []),
    }


def auc_cell(value):
    return "n/a" if value is None else f"{value:.4f}"


def run_cell(run):
    if run["auc"] is None:
        return f"failed (exit {run['exit']})"
    return auc_cell(run["auc"]) + ("" if run["exit"] == 0 else f" (exit {run['exit']})")


def columns_cell(result):
    cell = f"{result['number_columns']} + {result['text_columns']}"
    categorical = result["dense4j_defaults"]["categorical"]
    if categorical is not None and categorical != result["text_columns"]:
        cell += f" (dense4j: {categorical} categorical)"
    return cell


def markdown(results, epochs):
    head = (["table", "package", "rows (train/test)", "columns (numbers + text)", "dense4j defaults"]
            + [f"dense4j E={e}" for e in epochs] + ["scikit-learn", "numbers only", "flags added"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        d = r["dense4j_defaults"]
        cells = ([r["name"], r["package"], f"{r['rows_train']}/{r['rows_test']}",
                  columns_cell(r), run_cell(d)]
                 + [run_cell(r["dense4j_epochs"][str(e)]) for e in epochs]
                 + [auc_cell(r["sklearn_auc"]), auc_cell(r["sklearn_numbers_auc"]),
                    " ".join(d["flags"]) or "none"])
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n" + timing_markdown(results, epochs)


def timing_markdown(results, epochs):
    """A second table: dense4j's steps per epoch and wall seconds of each train."""
    head = ["table", "steps/epoch", "defaults s"] + [f"E={e} s" for e in epochs]
    lines = ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        seconds = [r["dense4j_defaults"]["seconds"]] + [r["dense4j_epochs"][str(e)]["seconds"]
                                                       for e in epochs]
        lines.append("| " + " | ".join([r["name"], str(r["steps_per_epoch"])]
                                        + [f"{s:.1f}" for s in seconds]) + " |")
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    args.jar = Path(args.jar).resolve()
    tables = chosen_tables(args.tables_dir / "manifest.json", args.tables)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    start = time.monotonic()
    for table in tables:
        print(f"{table['name']} ...", flush=True)
        results.append(compare_table(table, args))
        # Rewritten after every table so that an interrupted run keeps what it finished.
        (args.out_dir / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))
        (args.out_dir / "results.md").write_text(markdown(results, args.epochs))
    print(f"{len(results)} tables in {time.monotonic() - start:.0f} s; "
          f"results in {args.out_dir / 'results.md'}")


if __name__ == "__main__":
    main()
