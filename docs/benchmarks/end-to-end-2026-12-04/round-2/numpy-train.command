/usr/bin/python3 /work/main/benchmarks/peers/numpy_end_to_end.py train --data /tmp/dense4j-end-to-end/w-csv-1000000.csv --epochs 1 --save /tmp/dense4j-end-to-end/numpy-model.npz
