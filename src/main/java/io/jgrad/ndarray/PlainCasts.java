package io.jgrad.ndarray;

import io.jgrad.DType;

/**
 * Dtype conversions in plain Java: one loop per pair of dtypes. A conversion to the same dtype is
 * a copy ({@link System#arraycopy}).
 */
class PlainCasts implements CastKernels {

    PlainCasts() {
    }

    @Override
    public void convert(DType from, Object src, int sOff, DType to, Object dst, int dOff, int n) {
        if (from == to) {
            System.arraycopy(src, sOff, dst, dOff, n);
            return;
        }
        switch (from) {
            case FLOAT64: {
                double[] s = (double[]) src;
                switch (to) {
                    case FLOAT32: {
                        float[] d = (float[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = (float) s[sOff + i];
                        }
                        return;
                    }
                    case INT64: {
                        long[] d = (long[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = (long) s[sOff + i];
                        }
                        return;
                    }
                    case BOOL: {
                        boolean[] d = (boolean[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = s[sOff + i] != 0;
                        }
                        return;
                    }
                    default:
                        break;
                }
                break;
            }
            case FLOAT32: {
                float[] s = (float[]) src;
                switch (to) {
                    case FLOAT64: {
                        double[] d = (double[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = (double) s[sOff + i];
                        }
                        return;
                    }
                    case INT64: {
                        long[] d = (long[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = (long) s[sOff + i];
                        }
                        return;
                    }
                    case BOOL: {
                        boolean[] d = (boolean[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = s[sOff + i] != 0;
                        }
                        return;
                    }
                    default:
                        break;
                }
                break;
            }
            case INT64: {
                long[] s = (long[]) src;
                switch (to) {
                    case FLOAT64: {
                        double[] d = (double[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = (double) s[sOff + i];
                        }
                        return;
                    }
                    case FLOAT32: {
                        float[] d = (float[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = (float) s[sOff + i];
                        }
                        return;
                    }
                    case BOOL: {
                        boolean[] d = (boolean[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = s[sOff + i] != 0;
                        }
                        return;
                    }
                    default:
                        break;
                }
                break;
            }
            case BOOL: {
                boolean[] s = (boolean[]) src;
                switch (to) {
                    case FLOAT64: {
                        double[] d = (double[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = s[sOff + i] ? 1.0 : 0.0;
                        }
                        return;
                    }
                    case FLOAT32: {
                        float[] d = (float[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = s[sOff + i] ? 1.0f : 0.0f;
                        }
                        return;
                    }
                    case INT64: {
                        long[] d = (long[]) dst;
                        for (int i = 0; i < n; i++) {
                            d[dOff + i] = s[sOff + i] ? 1L : 0L;
                        }
                        return;
                    }
                    default:
                        break;
                }
                break;
            }
            default:
                break;
        }
        throw new AssertionError(from + " -> " + to);
    }
}
