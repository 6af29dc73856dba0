"""Writes src/test/resources/golden/metrics.json: scikit-learn's values of the metrics dense4j
computes, on fixed vectors, for MetricsGoldenTest. Run from the repository's root with the
Debian packages python3-sklearn and python3-numpy: python3 src/test/golden/metrics.py"""
import json
import numpy as np
import sklearn
from sklearn import metrics
from sklearn.calibration import calibration_curve


def cases():
    yield "ties", [0.9, 0.5, 0.5, 0.1, 0.3, 0.7, 0.7, 0.2, 0.5, 0.05], [1, 1, 0, 0, 1, 0, 1, 0, 1, 0]
    yield "bin edges", [0.0, 0.1, 0.2, 0.3, 0.5, 0.5, 0.6, 0.8, 0.9, 1.0, 0.45, 0.7], [0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1]
    yield "constant", [0.2] * 8, [1, 0, 0, 1, 0, 0, 0, 1]
    rng = np.random.default_rng(7)
    labels = (rng.random(400) < 0.12).astype(int)
    scores = np.where(labels == 1, rng.beta(3, 4, 400), rng.beta(2, 6, 400)).round(3)  # rounding makes ties
    yield "imbalanced", scores.tolist(), labels.tolist()


def calibration(y, p, bins=10):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=bins, strategy="uniform")
    edges = np.linspace(0.0, 1.0, bins + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], p), minlength=bins)
    nonempty = counts[counts > 0]
    ece = float(np.sum(nonempty * np.abs(prob_true - prob_pred)) / len(p))
    return counts.tolist(), prob_pred.tolist(), prob_true.tolist(), ece


def best(precision, recall, thresholds, goal):
    # sklearn's points from the highest threshold down, without its closing (recall 0, precision 1)
    points = list(zip(precision[:-1], recall[:-1], thresholds))[::-1]
    f1 = [0 if p + r == 0 else 2 * p * r / (p + r) for p, r, _ in points]
    if goal == "f1":
        i = int(np.argmax(f1))  # the first maximum: the highest threshold
    elif goal.startswith("precision="):
        target = float(goal.split("=")[1])
        ok = [k for k, (p, r, _) in enumerate(points) if p >= target]
        if not ok:
            return {"goal": goal, "unreachable": True}
        i = max(ok, key=lambda k: (points[k][1], -k))
    else:
        target = float(goal.split("=")[1])
        ok = [k for k, (p, r, _) in enumerate(points) if r >= target]
        i = max(ok, key=lambda k: (points[k][0], -k))
    return {"goal": goal, "precision": float(points[i][0]), "recall": float(points[i][1]),
            "lowestPositive": float(points[i][2])}


out = {"sklearn": sklearn.__version__, "cases": []}
for name, p, y in cases():
    p, y = np.array(p, dtype=float), np.array(y)
    precision, recall, thresholds = metrics.precision_recall_curve(y, p)
    counts, mean_p, fraction, ece = calibration(y, p)
    case = {
        "name": name, "probabilities": p.tolist(), "labels": y.tolist(),
        "brier": metrics.brier_score_loss(y, p),
        "calibrationCounts": counts, "calibrationMeanProbability": mean_p, "calibrationPositiveFraction": fraction, "ece": ece,
        "atThreshold": [],
    }
    if 0 < y.sum() < len(y):
        case["rocAuc"] = metrics.roc_auc_score(y, p)
        case["averagePrecision"] = metrics.average_precision_score(y, p)
        case["prCurve"] = {"recall": recall[::-1].tolist(), "precision": precision[::-1].tolist(),
                           "thresholds": thresholds[::-1].tolist()}
        case["goals"] = [best(precision, recall, thresholds, g) for g in ("f1", "precision=0.5", "precision=0.9", "recall=0.8")]
    for t in (0.5, 0.3):
        predicted = (p >= t).astype(int)
        case["atThreshold"].append({
            "threshold": t,
            "balancedAccuracy": metrics.balanced_accuracy_score(y, predicted),
            "mcc": metrics.matthews_corrcoef(y, predicted),
            "f1": metrics.f1_score(y, predicted, zero_division=0),
        })
    out["cases"].append(case)

with open("src/test/resources/golden/metrics.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
