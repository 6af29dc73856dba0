"""Writes the train and test files of three real tables with text (categorical) columns,
src/test/resources/data/{mpls-stops,resume,hmda}-{train,test}.csv[.gz], and
src/test/resources/golden/{mpls-stops,resume,hmda}-reference.json: scikit-learn's held-out
scores on each, with and without the text columns, for tests of dense4j's categorical columns.

Sources: .rda files that Debian 12 (bookworm) packages ship, exported to CSV by
src/test/golden/export_categorical.R (factors as their level text, NA as an empty cell):

- mpls-stops: Debian package r-cran-cardata 3.0.5-1, R data set carData::MplsStops
  (/usr/lib/R/site-library/carData/data/): stops made by the Minneapolis Police Department in
  2017, public data of the City of Minneapolis (opendata.minneapolismn.gov, "Police Stop Data"),
  as prepared for J. Fox and S. Weisberg, An R Companion to Applied Regression, 3rd ed., Sage,
  2019. 51,920 rows. Label personSearch (NO/YES, positive YES). The 8,221 rows whose
  personSearch is missing (exactly the rows with MDC "other", which the in-vehicle computer did
  not record) are dropped, leaving 43,699 rows, in which MDC is always "MDC"; it is kept.
  Dropped columns: idNum (a row identifier) and date (a time stamp, 51,873 distinct values in
  51,920 rows, so as text nearly an identifier too). Missing text cells stay: citationIssued
  (empty in 24,589 of the 43,699 rows) and gender (61).
- resume: Debian package r-cran-aer 1.2-10-1, R data set AER::ResumeNames
  (/usr/lib/R/site-library/AER/data/): M. Bertrand and S. Mullainathan (2004), "Are Emily and
  Greg More Employable Than Lakisha and Jamal?", American Economic Review 94, 991-1013, via the
  online complements to Stock and Watson (2007), Introduction to Econometrics, 2nd ed. 4,870
  fictitious resumes; label call (no/yes, positive yes: was the applicant called back). All 27
  columns are kept; 25 are text, among them name (36 first names) and minimum, whose values are
  mostly numbers ("2", "0.5") but also "none" and "some", so it is text.
- hmda: Debian package r-cran-aer 1.2-10-1, R data set AER::HMDA: Home Mortgage Disclosure Act
  data for Boston (A. H. Munnell, G. M. B. Tootell, L. E. Browne and J. McEneaney (1996),
  "Mortgage Lending in Boston: Interpreting HMDA Data", American Economic Review 86, 25-53), via
  the online complements to Stock and Watson (2007). 2,380 rows; label deny (no/yes, positive
  yes). All 14 columns are kept. chist and mhist are R factors whose levels are "1".."6" and
  "1".."4": written as that text, they are all numbers, so they are numeric columns here.

Licence: both packages are GPL-2+ as their /usr/share/doc/*/copyright say (the data sets have
no entry of their own); the data's original sources are named above; cite them.

Columns keep their source names and order, the label column moved last; each cell is the text
that R's write.csv wrote (numbers as R printed them, e.g. HMDA's 0.221000003814697), a missing
value an empty cell, quoted only where it holds a comma, quote or line break (none does). Only
the label's missing rows (MplsStops) are dropped; duplicate rows are kept.

Split: for each table (after dropping rows), numpy.random.RandomState(0).permutation(n); its
first floor(0.7 n) row numbers form the train file, the rest the test file, each file's rows in
source order. A table whose train file would exceed 1,000,000 bytes is written gzip-compressed
(.csv.gz, both files, level 9, no name or time in the gzip header, so the bytes are the same on
every run): mpls-stops.

Reference, fitted on the train file only and scored on the test file, both read back from the
written files (pandas, every cell as text, only an empty cell missing): text columns are exactly
the columns whose non-empty train cells are not all numbers, the rest numeric. Pipeline:
ColumnTransformer([("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()),
numeric), ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
OneHotEncoder(handle_unknown="ignore", max_categories=100)), text)]), then
LogisticRegression(C=1.0, max_iter=1000) (lbfgs). The JSON holds ROC AUC, accuracy at 0.5 and
log loss on the test file, and the same pipeline's scores with the text columns left out.

Regenerate, from the repository's root, with the Debian packages r-base-core, r-cran-aer,
r-cran-cardata, python3-sklearn (1.2.1) and python3-pandas:
    apt-get install -y r-base-core r-cran-aer r-cran-cardata python3-sklearn python3-pandas
    Rscript src/test/golden/export_categorical.R /tmp/dense4j-categorical
    /usr/bin/python3 src/test/golden/categorical_reference.py /tmp/dense4j-categorical
"""
import csv
import gzip
import hashlib
import io
import json
import os
import re
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

DATA = "src/test/resources/data/"
GOLDEN = "src/test/resources/golden/"
SEED = 0
TRAIN_FRACTION = 0.7
GZIP_ABOVE = 1_000_000
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

TABLES = [
    {
        "name": "mpls-stops",
        "file": "MplsStops.csv",
        "source": "Debian r-cran-cardata 3.0.5-1, R data set carData::MplsStops "
                  "(Minneapolis Police Department stops, 2017)",
        "label": "personSearch",
        "positive": "YES",
        "drop_columns": ["idNum", "date"],
    },
    {
        "name": "resume",
        "file": "ResumeNames.csv",
        "source": "Debian r-cran-aer 1.2-10-1, R data set AER::ResumeNames "
                  "(Bertrand and Mullainathan 2004)",
        "label": "call",
        "positive": "yes",
        "drop_columns": [],
    },
    {
        "name": "hmda",
        "file": "HMDA.csv",
        "source": "Debian r-cran-aer 1.2-10-1, R data set AER::HMDA "
                  "(Boston HMDA data, Munnell et al. 1996)",
        "label": "deny",
        "positive": "yes",
        "drop_columns": [],
    },
]


def read_source(path):
    with open(path, newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    return rows[0], rows[1:]


def csv_bytes(names, rows):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def gzip_bytes(data):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def write_split(table, source_dir):
    header, rows = read_source(os.path.join(source_dir, table["file"]))
    label = header.index(table["label"])
    dropped_rows = sum(1 for row in rows if row[label] == "")
    rows = [row for row in rows if row[label] != ""]
    keep = [i for i, name in enumerate(header) if name not in table["drop_columns"] and i != label]
    assert len(keep) + 1 + len(table["drop_columns"]) == len(header)
    keep.append(label)
    names = [header[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    n = len(rows)
    order = np.random.RandomState(SEED).permutation(n)
    n_train = int(np.floor(TRAIN_FRACTION * n))
    parts = {"train": sorted(order[:n_train].tolist()), "test": sorted(order[n_train:].tolist())}
    data = {part: csv_bytes(names, [rows[i] for i in index]) for part, index in parts.items()}
    compress = len(data["train"]) > GZIP_ABOVE
    files = {}
    for part in ("train", "test"):
        plain = DATA + "%s-%s.csv" % (table["name"], part)
        path = plain + ".gz" if compress else plain
        content = gzip_bytes(data[part]) if compress else data[part]
        stale = plain if compress else plain + ".gz"
        if os.path.exists(stale):
            os.remove(stale)
        with open(path, "wb") as out:
            out.write(content)
        files[part] = {"path": path, "bytes": len(content),
                       "sha256": hashlib.sha256(content).hexdigest()}
    return files, dropped_rows, n


def read_split(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def is_numeric(column):
    values = column.dropna()
    return len(values) > 0 and all(NUMBER.match(value) for value in values)


def model(numeric, text):
    steps = [("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), numeric)]
    if text:
        steps.append(("cat", make_pipeline(
            SimpleImputer(strategy="constant", fill_value="missing"),
            OneHotEncoder(handle_unknown="ignore", max_categories=100)), text))
    return make_pipeline(ColumnTransformer(steps), LogisticRegression(C=1.0, max_iter=1000))


def score(pipeline, x_train, y_train, x_test, y_test):
    pipeline.fit(x_train, y_train)
    p = pipeline.predict_proba(x_test)[:, 1]
    return {
        "test_roc_auc": float(roc_auc_score(y_test, p)),
        "test_accuracy": float(accuracy_score(y_test, p >= 0.5)),
        "test_log_loss": float(log_loss(y_test, p)),
        "lbfgs_iterations": int(pipeline[-1].n_iter_[0]),
        "encoded_features": int(pipeline[-1].coef_.shape[1]),
    }


def reference(table, files, dropped_rows, source_rows):
    train, test = read_split(files["train"]["path"]), read_split(files["test"]["path"])
    label = table["label"]
    labels = sorted(set(train[label]) | set(test[label]))
    assert len(labels) == 2 and table["positive"] in labels, labels
    negative = [value for value in labels if value != table["positive"]][0]
    features = [name for name in train.columns if name != label]
    numeric = [name for name in features if is_numeric(train[name])]
    text = [name for name in features if name not in numeric]
    for name in features:
        assert "missing" not in set(train[name].dropna()) | set(test[name].dropna()), name
        if name in numeric:
            assert is_numeric(test[name]), name
    for frame in (train, test):
        for name in numeric:
            frame[name] = frame[name].astype(float)
    y_train = (train[label] == table["positive"]).astype(int).to_numpy()
    y_test = (test[label] == table["positive"]).astype(int).to_numpy()
    x_train, x_test = train[features], test[features]
    with_text = score(model(numeric, text), x_train, y_train, x_test, y_test)
    numeric_only = score(model(numeric, []), x_train[numeric], y_train, x_test[numeric], y_test)
    result = {
        "sklearn": sklearn.__version__,
        "source": table["source"],
        "source_rows": source_rows + dropped_rows,
        "dropped_rows_missing_label": dropped_rows,
        "dropped_columns": table["drop_columns"],
        "train_file": os.path.basename(files["train"]["path"]),
        "train_sha256": files["train"]["sha256"],
        "test_file": os.path.basename(files["test"]["path"]),
        "test_sha256": files["test"]["sha256"],
        "split": "numpy RandomState(%d) permutation, first floor(%.1f n) rows train, "
                 "rows in source order" % (SEED, TRAIN_FRACTION),
        "label": label,
        "positive_label": table["positive"],
        "negative_label": negative,
        "train_rows": int(len(train)),
        "train_positives": int(y_train.sum()),
        "test_rows": int(len(test)),
        "test_positives": int(y_test.sum()),
        "numeric_columns": numeric,
        "text_columns": {name: int(train[name].nunique(dropna=True)) for name in text},
        "text_columns_missing_train": {name: int(train[name].isna().sum()) for name in text},
        "text_columns_missing_test": {name: int(test[name].isna().sum()) for name in text},
        "numeric_missing_train": int(train[numeric].isna().sum().sum()),
        "pipeline": "ColumnTransformer(num: SimpleImputer(mean)+StandardScaler; text: "
                    "SimpleImputer(constant 'missing')+OneHotEncoder(handle_unknown=ignore, "
                    "max_categories=100)) + LogisticRegression(C=1.0, lbfgs, max_iter=1000)",
    }
    result.update(with_text)
    result["numeric_only"] = numeric_only
    return result


def main():
    source_dir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dense4j-categorical"
    for table in TABLES:
        files, dropped_rows, n = write_split(table, source_dir)
        result = reference(table, files, dropped_rows, n)
        with open(GOLDEN + "%s-reference.json" % table["name"], "w") as out:
            json.dump(result, out, indent=2)
            out.write("\n")
        print(table["name"], {key: result[key] for key in (
            "train_rows", "test_rows", "test_positives", "test_roc_auc", "test_accuracy",
            "test_log_loss")}, "numeric only AUC", result["numeric_only"]["test_roc_auc"])


if __name__ == "__main__":
    main()
