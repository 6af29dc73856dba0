# Exports three data frames that Debian packages ship as .rda files to CSV, for
# src/test/golden/categorical_reference.py (its docstring says why and how).
#
#   Rscript src/test/golden/export_categorical.R /tmp/dense4j-categorical
#
# Needs r-base-core, r-cran-aer and r-cran-cardata. Factors are written as their level text,
# missing values (NA) as empty cells, no row names; every column of each data frame is written.
# MplsStops$date is written in the time zone stored with it (America/Chicago).
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "/tmp/dense4j-categorical"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
export <- function(name, package, file) {
  env <- new.env()
  data(list = name, package = package, envir = env)
  frame <- get(name, envir = env)
  frame[] <- lapply(frame, function(column) {
    if (inherits(column, "POSIXct")) format(column, "%Y-%m-%d %H:%M:%S")
    else if (is.factor(column)) as.character(column)
    else column
  })
  write.csv(frame, file.path(out, file), row.names = FALSE, na = "", fileEncoding = "UTF-8")
  cat(sprintf("%s::%s -> %s (%d rows, %d columns)\n", package, name, file.path(out, file),
              nrow(frame), ncol(frame)))
}
export("MplsStops", "carData", "MplsStops.csv")
export("ResumeNames", "AER", "ResumeNames.csv")
export("HMDA", "AER", "HMDA.csv")
