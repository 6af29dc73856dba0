/* Tried, not kept (docs/benchmarks.md, "The input rows read in native loops"): the body of
   gather_columns_##Name in src/main/c/dense4j_input.c copying runs of consecutive columns as
   blocks. gcc 12 -O3 compiled the inner copy loop into a call to memcpy in each clone. */
        jint starts[k];
        jint lengths[k];
        int runs = 0;
        for (int j = 0; j < k; j++) {
            if (runs > 0 && columns[j] == starts[runs - 1] + lengths[runs - 1]) {
                lengths[runs - 1]++;
            } else {
                starts[runs] = columns[j];
                lengths[runs] = 1;
                runs++;
            }
        }
        for (int r = 0; r < rows; r++) {
            const T *row = source + (int64_t) r * source_width;
            T *out = target + (int64_t) r * k;
            for (int u = 0; u < runs; u++) {
                const T *in = row + starts[u];
                for (int i = 0; i < lengths[u]; i++) {
                    out[i] = in[i];
                }
                out += lengths[u];
            }
        }
