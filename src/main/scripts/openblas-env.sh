# Sourced by ./dense4j and benchmarks/run before the JVM starts (OpenBLAS reads it when it loads).
#
# ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which predates AMD Zen 4 and runs its AVX2 kernels
# there. Zen 4 (AMD family 25 with AVX-512) runs the SkylakeX AVX-512 kernels, which newer
# OpenBLAS picks by itself. Measured on this project's 2-core Zen 4 machine, alternating 3 runs
# of each (medians): W-MLP training 1.31x faster at batch 32, 1.67x at 256, 1.36x at 4096; the
# test suite passes with either. A value the user set is left alone.
if [[ -z "${OPENBLAS_CORETYPE:-}" && -r /proc/cpuinfo ]] \
    && grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo \
    && grep -q -m1 '^cpu family[[:space:]]*: 25$' /proc/cpuinfo \
    && grep -q -m1 -w avx512f /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=SKYLAKEX
fi
