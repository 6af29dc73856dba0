#!/usr/bin/python3
"""Turn data sets shipped in Debian packages into one CSV per table with a binary label.

Usage: tables.py DATA_DIR OUT_DIR
  DATA_DIR  the folder given to fetch.sh
  OUT_DIR   receives NAME.csv for each table and manifest.json describing them

Cells are written as the source holds them: text stays text (R factors as their
labels), a missing value is an empty cell. Rows whose label is missing are dropped.
"""
import csv
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

R_LIBRARY = "root/usr/lib/R/site-library"
WEKA_EXAMPLES = "root/usr/share/doc/weka/examples"

ROW_ID = "row id"


@dataclass
class Table:
    name: str
    package: str  # the Debian package
    source: str  # R: PACKAGE::DATASET; weka: the ARFF file's name
    label: str
    positive: str  # the class of interest (churned, defaulted, ...)
    drop: dict = field(default_factory=dict)  # column -> why it is left out
    about: str = ""


TABLES = [
    # Customer churn
    Table("mlc_churn", "r-cran-modeldata", "modeldata::mlc_churn", "churn", "yes",
          about="telecom customers (MLC++ churn data): did the customer leave"),
    Table("wa_churn", "r-cran-modeldata", "modeldata::wa_churn", "churn", "Yes",
          about="IBM Watson telco customers: did the customer leave"),
    # Loan default and credit scoring
    Table("credit_data", "r-cran-modeldata", "modeldata::credit_data", "Status", "bad",
          about="consumer loans from a Spanish bank: bad (defaulted) or good payer"),
    Table("lending_club", "r-cran-modeldata", "modeldata::lending_club", "Class", "bad",
          about="Lending Club loans: bad (late or defaulted) or good"),
    Table("credit_g", "weka", "credit-g.arff", "class", "bad",
          about="German credit (Statlog): bad or good credit risk"),
    Table("hmda", "r-cran-aer", "AER::HMDA", "deny", "yes",
          about="Boston mortgage applications (HMDA): was the mortgage denied"),
    Table("credit_card", "r-cran-aer", "AER::CreditCard", "card", "no",
          drop={"expenditure": "leak: monthly card spending, above 0 only for accepted applicants",
                "share": "leak: card spending over income, computed from expenditure"},
          about="credit card applications: was the application refused"),
    # HR attrition
    Table("attrition", "r-cran-modeldata", "modeldata::attrition", "Attrition", "Yes",
          about="IBM HR analytics employees: did the employee leave"),
    # Labour market, insurance and other people data
    Table("resume_names", "r-cran-aer", "AER::ResumeNames", "call", "yes",
          about="fictitious resumes sent to job ads: did the employer call back"),
    Table("health_insurance", "r-cran-aer", "AER::HealthInsurance", "insurance", "yes",
          about="US adults (MEPS 1996): does the person have health insurance"),
    Table("swiss_labor", "r-cran-aer", "AER::SwissLabor", "participation", "yes",
          about="Swiss women: does she take part in the labour force"),
    Table("cps1985_union", "r-cran-aer", "AER::CPS1985", "union", "yes",
          about="US workers (CPS 1985): is the worker in a union"),
    Table("fertility2", "r-cran-aer", "AER::Fertility2", "morekids", "yes",
          about="US mothers of two or more (1980 census): has she more than two children"),
    Table("mroz", "r-cran-cardata", "carData::Mroz", "lfp", "yes",
          about="US married women (PSID 1975): does she take part in the labour force"),
    Table("titanic", "r-cran-cardata", "carData::TitanicSurvival", "survived", "yes",
          about="Titanic passengers: did the passenger survive"),
    Table("arrests", "r-cran-cardata", "carData::Arrests", "released", "Yes",
          about="Toronto arrests for marijuana possession: released with a summons"),
    Table("mpls_stops", "r-cran-cardata", "carData::MplsStops", "personSearch", "YES",
          drop={"idNum": ROW_ID,
                "date": "row id: the stop's time stamp, distinct on 51,873 of 51,920 rows"},
          about="Minneapolis police stops 2017: was the person searched"),
    # Medicine and politics
    Table("house_votes", "r-cran-mlbench", "mlbench::HouseVotes84", "Class", "republican",
          about="1984 US House votes on 16 bills (y/n, missing when absent): the party"),
    Table("breast_cancer_recurrence", "weka", "breast-cancer.arff", "Class", "recurrence-events",
          about="Ljubljana breast cancer patients: did the cancer come back"),
    Table("breast_cancer_wisconsin", "r-cran-mlbench", "mlbench::BreastCancer", "Class", "malignant",
          drop={"Id": ROW_ID},
          about="Wisconsin breast biopsies, nine scores 1-10: malignant or benign"),
    Table("pima_diabetes", "r-cran-mlbench", "mlbench::PimaIndiansDiabetes2", "diabetes", "pos",
          about="Pima women, impossible zeros marked missing: diabetes test result"),
    Table("ionosphere", "r-cran-mlbench", "mlbench::Ionosphere", "Class", "bad",
          about="radar returns from the ionosphere: bad (no structure) or good"),
    Table("stackoverflow_remote", "r-cran-modeldata", "modeldata::stackoverflow", "Remote", "Remote",
          about="Stack Overflow 2017 survey developers: do they work remotely"),
]


def export_r_tables(tables, data_dir, raw_dir):
    """Write the R data sets among the tables as raw CSV files, one Rscript run for all."""
    specs = [t.source for t in tables if "::" in t.source]
    script = Path(__file__).with_name("export_r.R")
    subprocess.run(["Rscript", str(script), str(data_dir / R_LIBRARY), str(raw_dir), *specs],
                   check=True)


def read_r_table(table, raw_dir):
    package, dataset = table.source.split("::")
    return read_text_csv(raw_dir / f"{package}-{dataset}.csv")


def read_text_csv(path):
    """Every cell as the text it holds; an empty cell (R's NA) is ''."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_arff(path):
    """A table from an ARFF file of numeric and nominal attributes ('?' is missing)."""
    names, rows, in_data = [], [], False
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line or line.startswith("%"):
                continue
            if in_data:
                rows.append(next(csv.reader([line], quotechar="'", skipinitialspace=True)))
            elif line.lower().startswith("@attribute"):
                names.append(line.split(None, 2)[1].strip("'"))
            elif line.lower().startswith("@data"):
                in_data = True
    return pd.DataFrame(rows, columns=names).replace("?", "")


def build(table, data_dir, raw_dir):
    """The table's rows with its columns dropped and unlabeled rows removed."""
    if "::" in table.source:
        data = read_r_table(table, raw_dir)
    else:
        data = read_arff(data_dir / WEKA_EXAMPLES / table.source)
    data = data.drop(columns=list(table.drop))
    labeled = data[table.label] != ""
    classes = sorted(data.loc[labeled, table.label].unique())
    if len(classes) != 2 or table.positive not in classes:
        sys.exit(f"{table.name}: label {table.label} holds {classes}, not two classes with {table.positive}")
    return data[labeled], classes, int((~labeled).sum())


def describe(table, data, classes, unlabeled):
    return {
        "name": table.name,
        "package": table.package,
        "source": table.source,
        "about": table.about,
        "label": table.label,
        "positive": table.positive,
        "classes": classes,
        "rows": len(data),
        "columns": len(data.columns) - 1,
        "dropped_columns": table.drop,
        "dropped_unlabeled_rows": unlabeled,
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data_dir, out_dir = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = []
    with tempfile.TemporaryDirectory() as raw:
        raw_dir = Path(raw)
        export_r_tables(TABLES, data_dir, raw_dir)
        for table in TABLES:
            data, classes, unlabeled = build(table, data_dir, raw_dir)
            data.to_csv(out_dir / f"{table.name}.csv", index=False)
            manifest.append(describe(table, data, classes, unlabeled))
            print(f"{table.name}: {len(data)} rows, {len(data.columns) - 1} columns, label {table.label}")
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()
