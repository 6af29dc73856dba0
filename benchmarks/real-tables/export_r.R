# Write R data sets, read straight from extracted package folders, as CSV files.
# Usage: Rscript export_r.R LIBRARY OUTDIR PACKAGE::DATASET...
# Factors are written as their labels and missing values as empty cells.
# The packages are not installed: their data folders are read as they ship
# (a lazy-load database Rdata.rdb, or one .rda file per data set).

args <- commandArgs(trailingOnly = TRUE)
library_dir <- args[1]
out_dir <- args[2]

read_dataset <- function(package, name) {
  data_dir <- file.path(library_dir, package, "data")
  env <- new.env()
  rda <- file.path(data_dir, paste0(name, ".rda"))
  if (file.exists(rda)) {
    load(rda, envir = env)
  } else {
    lazyLoad(file.path(data_dir, "Rdata"), envir = env)
  }
  as.data.frame(get(name, envir = env))
}

for (spec in args[-(1:2)]) {
  parts <- strsplit(spec, "::", fixed = TRUE)[[1]]
  data <- read_dataset(parts[1], parts[2])
  out <- file.path(out_dir, paste0(parts[1], "-", parts[2], ".csv"))
  write.csv(data, out, row.names = FALSE, na = "")
}
