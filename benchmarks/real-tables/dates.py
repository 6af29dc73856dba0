"""MplsStops with its time stamp kept, which dense4j reads as days since 1970-01-01, against the table without it.

Usage, from this folder, after ./fetch.sh data:
  Rscript export_r.R data/root/usr/lib/R/site-library runs carData::MplsStops
  /usr/bin/python3 dates.py [JAR]
Splits as compare.py does (RandomState(0), 70% train) and prints held-out ROC AUC of dense4j's defaults and of
scikit-learn's pipeline, which gets the same days as a number column.
"""
import sys
from pathlib import Path

import pandas as pd

import compare

HERE = Path(__file__).resolve().parent
LABEL = "personSearch"


def main():
    jar = Path(sys.argv[1]) if len(sys.argv) > 1 else compare.DEFAULT_JAR
    raw = pd.read_csv(HERE / "runs" / "carData-MplsStops.csv", dtype=str, keep_default_na=False).drop(columns=["idNum"])
    raw = raw[raw[LABEL] != ""]
    for variant, frame in [("without date", raw.drop(columns=["date"])), ("with date", raw)]:
        folder = HERE / "runs" / ("mpls_" + variant.replace(" ", "_"))
        folder.mkdir(parents=True, exist_ok=True)
        frame.to_csv(folder / "table.csv", index=False)
        compare.split(folder / "table.csv", folder)
        train = compare.read_for_sklearn(folder / "train.csv", LABEL)
        test = compare.read_for_sklearn(folder / "test.csv", LABEL)
        numbers, texts = compare.column_kinds(train, LABEL)
        if "date" in texts:  # as a data scientist would hand it to scikit-learn: the same days since 1970-01-01
            for part in (train, test):
                part["date"] = (pd.to_datetime(part["date"]) - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
            texts.remove("date")
            numbers.append("date")
        run = compare.train_defaults(jar, folder, LABEL)
        sklearn = compare.sklearn_auc(train, test, LABEL, "YES", numbers, texts)
        print(f"{variant}: {len(train):,} / {len(test):,} rows; dense4j {run['auc']:.4f} ({run['categorical']} categorical), "
              f"scikit-learn {sklearn:.4f}")
        for message in run["messages"]:
            if "date" in message:
                print("  " + message)


if __name__ == "__main__":
    main()
