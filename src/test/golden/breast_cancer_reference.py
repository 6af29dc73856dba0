"""Writes src/test/resources/data/breast-cancer-{train,test}.csv and
src/test/resources/golden/breast-cancer-reference.json: scikit-learn's held-out scores on a table
with unscaled features, for a test that checks dense4j's default command line comes close.

The data is python3-sklearn 1.2.1's sklearn/datasets/data/breast_cancer.csv (UCI Breast Cancer
Wisconsin (Diagnostic), 569 rows, 30 features from 0.0008 to 4,254), the features named as
load_breast_cancer names them, the label column "benign" (1 benign, 0 malignant). Rows 0-399 in
file order form the train file, rows 400-568 the test file.

The reference is the usual pipeline: StandardScaler, then LogisticRegression (lbfgs, C=1), fitted
on the train file and scored on the test file (ROC AUC, accuracy at 0.5, log loss).

Run from the repository's root with the Debian packages python3-sklearn and python3-numpy:
    python3 src/test/golden/breast_cancer_reference.py
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA = "src/test/resources/data/"
OUT = "src/test/resources/golden/breast-cancer-reference.json"
TRAIN_ROWS = 400


def write(path, names, rows):
    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)


def main():
    source = load_breast_cancer()
    raw = [line.strip().split(",") for line in open(sklearn.datasets.__path__[0] + "/data/breast_cancer.csv")][1:]
    names = [str(name) for name in source.feature_names] + ["benign"]
    write(DATA + "breast-cancer-train.csv", names, raw[:TRAIN_ROWS])
    write(DATA + "breast-cancer-test.csv", names, raw[TRAIN_ROWS:])
    x, y = source.data, source.target
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, solver="lbfgs", max_iter=10000))
    model.fit(x[:TRAIN_ROWS], y[:TRAIN_ROWS])
    p = model.predict_proba(x[TRAIN_ROWS:])[:, 1]
    result = {
        "sklearn": sklearn.__version__,
        "train_rows": TRAIN_ROWS,
        "test_rows": int(len(y) - TRAIN_ROWS),
        "test_positives": int(y[TRAIN_ROWS:].sum()),
        "test_roc_auc": float(roc_auc_score(y[TRAIN_ROWS:], p)),
        "test_accuracy": float(accuracy_score(y[TRAIN_ROWS:], p >= 0.5)),
        "test_log_loss": float(log_loss(y[TRAIN_ROWS:], p)),
    }
    with open(OUT, "w") as out:
        json.dump(result, out, indent=2)
        out.write("\n")
    print(result)


if __name__ == "__main__":
    main()
