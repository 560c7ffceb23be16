package io.jgrad.ndarray;

/**
 * Reductions in plain Java. Where the reduced elements are {@code inner} apart, the loops run over
 * {@code inner} in the innermost position (rows added to a row of sums), which C2 vectorises
 * without changing any element's order of summation.
 */
class PlainReductions implements ReductionKernels {

    PlainReductions() {
    }

    @Override
    public void sum(double[] x, int outer, int d, int inner, double[] out) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                double s = 0;
                int base = o * d;
                for (int j = 0; j < d; j++) {
                    s += x[base + j];
                }
                out[o] = s;
            }
            return;
        }
        java.util.Arrays.fill(out, 0, outer * inner, 0.0);
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            int rb = o * inner;
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    out[rb + i] += x[row + i];
                }
            }
        }
    }

    @Override
    public void sum(float[] x, int outer, int d, int inner, float[] out) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                double s = 0;
                int base = o * d;
                for (int j = 0; j < d; j++) {
                    s += x[base + j];
                }
                out[o] = (float) s;
            }
            return;
        }
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            int base = o * d * inner;
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[row + i];
                }
            }
            int rb = o * inner;
            for (int i = 0; i < inner; i++) {
                out[rb + i] = (float) acc[i];
            }
        }
    }

    @Override
    public void sum(long[] x, int outer, int d, int inner, long[] out) {
        java.util.Arrays.fill(out, 0, outer * inner, 0L);
        for (int o = 0; o < outer; o++) {
            int base = o * d * inner;
            int rb = o * inner;
            for (int j = 0; j < d; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    out[rb + i] += x[row + i];
                }
            }
        }
    }

    @Override
    public void extreme(double[] x, int outer, int d, int inner, boolean min, double[] out, int[] arg) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                double best = x[base];
                int at = 0;
                for (int j = 1; j < d && best == best; j++) {
                    double v = x[base + j * inner];
                    // a NaN wins (the first one): an extreme that hid a NaN would be a wrong answer
                    if ((min ? v < best : v > best) || v != v) {
                        best = v;
                        at = j;
                    }
                }
                out[o * inner + i] = best;
                arg[o * inner + i] = at;
            }
        }
    }

    @Override
    public void extreme(float[] x, int outer, int d, int inner, boolean min, float[] out, int[] arg) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                float best = x[base];
                int at = 0;
                for (int j = 1; j < d && best == best; j++) {
                    float v = x[base + j * inner];
                    if ((min ? v < best : v > best) || v != v) {
                        best = v;
                        at = j;
                    }
                }
                out[o * inner + i] = best;
                arg[o * inner + i] = at;
            }
        }
    }

    @Override
    public void extreme(long[] x, int outer, int d, int inner, boolean min, long[] out, int[] arg) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                long best = x[base];
                int at = 0;
                for (int j = 1; j < d; j++) {
                    long v = x[base + j * inner];
                    if (min ? v < best : v > best) {
                        best = v;
                        at = j;
                    }
                }
                out[o * inner + i] = best;
                arg[o * inner + i] = at;
            }
        }
    }

    @Override
    public void softmax(double[] x, int outer, int d, int inner, boolean log, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < d; j++) {
                    max = Math.max(max, x[base + j * inner]);
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    max = 0; // all -∞: keep x - max at -∞ rather than NaN
                }
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double e = Math.exp(x[base + j * inner] - max);
                    sum += e;
                    if (!log) {
                        out[base + j * inner] = e;
                    }
                }
                if (log) {
                    // (x - max) - ln Σ, not x - (max + ln Σ): for large logits the latter rounds away ln Σ
                    double logSum = Math.log(sum);
                    for (int j = 0; j < d; j++) {
                        out[base + j * inner] = (x[base + j * inner] - max) - logSum;
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        out[base + j * inner] /= sum;
                    }
                }
            }
        }
    }

    @Override
    public void softmax(float[] x, int outer, int d, int inner, boolean log, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < d; j++) {
                    max = Math.max(max, x[base + j * inner]);
                }
                if (max == Float.NEGATIVE_INFINITY) {
                    max = 0;
                }
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    float e = (float) Math.exp(x[base + j * inner] - max);
                    sum += e;
                    if (!log) {
                        out[base + j * inner] = e;
                    }
                }
                if (log) {
                    float logSum = (float) Math.log(sum);
                    for (int j = 0; j < d; j++) {
                        out[base + j * inner] = (x[base + j * inner] - max) - logSum;
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        out[base + j * inner] = (float) (out[base + j * inner] / sum);
                    }
                }
            }
        }
    }
}
