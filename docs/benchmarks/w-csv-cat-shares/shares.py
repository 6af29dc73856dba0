import sys, collections, gzip
buckets = [
 ("slot step", ["SlotSums.addScaledTo"]),
 ("gather", ["NativeRows.gather", "NativeRows.spread", "GatherDenseOp.sortColumn"]),
 ("scatter", ["NativeRows.scatter"]),
 ("clear", ["NonzeroRows.clear"]),
 ("listing", ["NonzeroRows.add"]),
 ("codes+numbers", ["readSlotRows", "Elementwise.readCodes", "Elementwise.gatherColumns", "InputRows.gatherColumns"]),
 ("sgemm", ["cblas_sgemm"]),
 ("part sums", ["PartSums.sum"]),
 ("update", ["SgdUpdater.step"]),
 ("waiting", ["Workers.spin", "Helper.await", "waitForWork"]),
]
counts = collections.Counter(); total = 0
for line in gzip.open(sys.argv[1], "rt"):
    stack, _, n = line.rstrip().rpartition(" ")
    n = int(n); total += n
    if "CategoricalBenchmark.step" not in stack and "Workers$Helper" not in stack:
        counts["other"] += n; continue
    for name, keys in buckets:
        if any(k in stack for k in keys):
            counts[name] += n; break
    else:
        counts["rest"] += n
print("samples", total)
for name, n in counts.most_common():
    print(f"{name:22s} {n:6d} {100*n/total:5.1f}%")
print("input stage", round(100*sum(counts[k] for k in ("slot step","gather","scatter","clear","listing","codes+numbers"))/total,1), "%")
