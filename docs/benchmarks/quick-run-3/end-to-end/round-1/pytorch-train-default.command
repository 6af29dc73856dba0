/usr/bin/python3 /work/main/benchmarks/peers/csv_end_to_end.py train --data /tmp/dense4j-end-to-end/w-csv-100000.csv --epochs 2
