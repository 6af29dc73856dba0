java -jar /work/main/target/dense4j-0.1.0.jar predict --model /tmp/dense4j-end-to-end/dense4j-model.zip --data /tmp/dense4j-end-to-end/w-csv-1000000.csv --out /tmp/dense4j-end-to-end/dense4j-pred.csv
