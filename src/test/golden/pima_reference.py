"""Pima's train and test files from Weka's diabetes.arff (Debian package weka), and scikit-learn's
held-out ROC AUC on them: zeros read as values, and the five columns whose 0 is no reading filled
with their training means (as dense4j's --missing-values-in plas=0,... --fill-missing does).

    python3 src/test/golden/pima_reference.py /usr/share/doc/weka/examples/diabetes.arff \
        src/test/resources/data src/test/resources/golden/pima-reference.json
"""
import json, sys
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, log_loss
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

arff, out, golden = sys.argv[1], sys.argv[2], sys.argv[3]
names, rows = [], []
for line in open(arff):
    line = line.strip()
    if line.startswith("@attribute"):
        names.append(line.split()[1].strip("'"))
    elif line and line[0].isdigit():
        rows.append(line.split(","))
header = ",".join(names[:-1] + ["diabetes"])
def write(path, part):
    with open(path, "w") as f:
        f.write(header + "\n")
        for r in part:
            f.write(",".join(r[:-1] + [r[-1]]) + "\n")
train, test = rows[:500], rows[500:]
write(f"{out}/pima-train.csv", train)
write(f"{out}/pima-test.csv", test)
def xy(part):
    return np.array([[float(v) for v in r[:-1]] for r in part]), np.array([r[-1] == "tested_positive" for r in part], dtype=int)
xtr, ytr = xy(train); xte, yte = xy(test)
marked = [names.index(c) for c in ["plas", "pres", "skin", "insu", "mass"]]
def zeros_missing(x):
    x = x.copy()
    for j in marked:
        x[x[:, j] == 0, j] = np.nan
    return x
scores = {"source": "weka 3.6.14-3, /usr/share/doc/weka/examples/diabetes.arff", "train_rows": len(train),
          "test_rows": len(test), "marked_columns": ["plas", "pres", "skin", "insu", "mass"]}
plain = make_pipeline(StandardScaler(), LogisticRegression(max_iter=10000)).fit(xtr, ytr)
scores["zeros_as_values"] = roc_auc_score(yte, plain.predict_proba(xte)[:, 1])
imputed = make_pipeline(SimpleImputer(strategy="mean"), StandardScaler(), LogisticRegression(max_iter=10000))
imputed.fit(zeros_missing(xtr), ytr)
scores["zeros_missing_mean_filled"] = roc_auc_score(yte, imputed.predict_proba(zeros_missing(xte))[:, 1])
scores["train_zeros_by_column"] = {c: int((xtr[:, names.index(c)] == 0).sum()) for c in ["preg"] + scores["marked_columns"]}
print(json.dumps(scores, indent=1))
json.dump(scores, open(golden, "w"), indent=1)
