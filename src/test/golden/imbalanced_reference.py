"""Writes src/test/resources/golden/imbalanced-reference.json: scikit-learn's held-out F1 on two
imbalanced binary tables, for a test that checks dense4j comes within 0.02 of the best of them.

The data (src/test/resources/data/, see its README.md) comes from Debian packages:
  segment-window: weka 3.6.14-3, segment-challenge.arff / segment-test.arff (UCI Image Segmentation),
                  label 1 for class "window";
  digits-nine:    python3-sklearn 1.2.1, sklearn/datasets/data/digits.csv.gz (UCI Optical Recognition
                  of Handwritten Digits), label 1 for digit 9, rows 0-1199 train, the rest test.

The training file is split as dense4j's RowSelection does (seed 42, validation fraction 0.2). A
StandardScaler is fitted on the training side; LogisticRegression (lbfgs, C=1) is fitted there too:
  (a) class_weight='balanced', test F1 at threshold 0.5;
  (b) unweighted, threshold of best F1 on the validation rows, test F1 at that threshold;
  (c) balanced, threshold chosen as in (b).
The threshold is chosen as dense4j's ThresholdGoal does: among the distinct validation scores, the
lowest score classed positive with the highest F1 (ties keep the higher), then halfway down to the
next lower score; a row is positive when its probability >= the threshold.

Run from the repository's root with the Debian packages python3-sklearn and python3-numpy:
    python3 src/test/golden/imbalanced_reference.py
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score
from sklearn.preprocessing import StandardScaler

DATA = "src/test/resources/data/"
OUT = "src/test/resources/golden/imbalanced-reference.json"
SETS = {"segment-window": "window", "digits-nine": "nine"}
SEED, FRACTION = 42, 0.2
MASK = (1 << 64) - 1


def is_validation(row, seed=SEED, fraction=FRACTION):
    """dense4j's RowSelection: SplitMix64's finalizer on the row number, in 64-bit wrapping arithmetic."""
    z = (seed + (row + 1) * 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return (z >> 11) * 2.0 ** -53 < fraction


def load(path):
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    return table[:, :-1], table[:, -1].astype(int)


def best_f1_threshold(y, p):
    scores = np.unique(p)[::-1]  # distinct scores, highest first
    f1 = [f1_score(y, p >= t) for t in scores]
    i = int(np.argmax(f1))  # the first maximum: the highest threshold
    if i + 1 == len(scores):
        return float(scores[i]), f1[i]
    halfway = (scores[i] + scores[i + 1]) / 2
    return float(halfway if halfway > scores[i + 1] else scores[i]), f1[i]


def counts(y):
    return {"rows": int(len(y)), "positives": int(y.sum())}


def reference(name, label):
    x, y = load(f"{DATA}{name}-train.csv")
    x_test, y_test = load(f"{DATA}{name}-test.csv")
    val = np.array([is_validation(r) for r in range(len(y))])
    scaler = StandardScaler().fit(x[~val])
    x_train, x_val, x_test = scaler.transform(x[~val]), scaler.transform(x[val]), scaler.transform(x_test)
    models = {}
    for weight in ("unweighted", "balanced"):
        model = LogisticRegression(max_iter=5000, class_weight=None if weight == "unweighted" else "balanced")
        model.fit(x_train, y[~val])
        p_val, p_test = model.predict_proba(x_val)[:, 1], model.predict_proba(x_test)[:, 1]
        threshold, val_f1 = best_f1_threshold(y[val], p_val)
        models[weight] = {
            "test_f1_at_0.5": f1_score(y_test, p_test >= 0.5, zero_division=0),
            "tuned_threshold": threshold,
            "validation_f1_at_tuned": val_f1,
            "test_f1_at_tuned": f1_score(y_test, p_test >= threshold),
            "test_roc_auc": roc_auc_score(y_test, p_test),
            "test_average_precision": average_precision_score(y_test, p_test),
            "iterations": int(model.n_iter_[0]),
        }
    f1 = {
        "a_balanced_at_0.5": models["balanced"]["test_f1_at_0.5"],
        "b_unweighted_tuned": models["unweighted"]["test_f1_at_tuned"],
        "c_balanced_tuned": models["balanced"]["test_f1_at_tuned"],
    }
    f1["best"] = max(f1.values())
    return {
        "label": label,
        "features": x.shape[1],
        "train_side": counts(y[~val]),
        "validation": counts(y[val]),
        "test": counts(y_test),
        "first_validation_rows": np.flatnonzero(val)[:10].tolist(),
        "test_f1": f1,
        "models": models,
    }


def main():
    result = {"sklearn": sklearn.__version__, "seed": SEED, "validation_fraction": FRACTION, "C": 1.0, "solver": "lbfgs"}
    for name, label in SETS.items():
        result[name] = r = reference(name, label)
        print(f"{name}: train side {r['train_side']}, validation {r['validation']}, test {r['test']}, "
              f"first validation rows {r['first_validation_rows']}")
        print("  test F1 " + ", ".join(f"{k} {v:.4f}" for k, v in r["test_f1"].items()))
        for weight, m in r["models"].items():
            print(f"  {weight}: AUC {m['test_roc_auc']:.4f}, AP {m['test_average_precision']:.4f}, "
                  f"F1@0.5 {m['test_f1_at_0.5']:.4f}, threshold {m['tuned_threshold']:.4f} "
                  f"(validation F1 {m['validation_f1_at_tuned']:.4f}) -> test F1 {m['test_f1_at_tuned']:.4f}")
    with open(OUT, "w") as out:
        json.dump(result, out, indent=2)
        out.write("\n")


if __name__ == "__main__":
    main()
