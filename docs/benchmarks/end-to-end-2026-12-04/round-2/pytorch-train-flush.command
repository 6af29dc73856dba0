/usr/bin/python3 /work/main/benchmarks/peers/csv_end_to_end.py train --data /tmp/dense4j-end-to-end/w-csv-1000000.csv --epochs 1 --flush-denormal --save /tmp/dense4j-end-to-end/pytorch-model.pt
