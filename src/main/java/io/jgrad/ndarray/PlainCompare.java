package io.jgrad.ndarray;

/**
 * Element-wise comparisons in plain Java, into bool arrays: one loop per comparison, dtype and
 * operand layout (see {@link PlainBinary}). Bools order {@code false < true}.
 */
class PlainCompare implements CompareKernels {

    PlainCompare() {
    }

    @Override
    public void compare(CompareOp op, double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo, int n) {
        switch (op) {
            case EQ:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x == b[bo + i];
                    }
                }
                return;
            case NE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x != b[bo + i];
                    }
                }
                return;
            case LT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] < b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] < y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x < b[bo + i];
                    }
                }
                return;
            case LE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] <= b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] <= y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x <= b[bo + i];
                    }
                }
                return;
            case GT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] > b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] > y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x > b[bo + i];
                    }
                }
                return;
            case GE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] >= b[bo + i];
                    }
                } else if (as == 1) {
                    double y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] >= y;
                    }
                } else {
                    double x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x >= b[bo + i];
                    }
                }
                return;
            default:
                throw new AssertionError(op);
        }
    }

    @Override
    public void compare(CompareOp op, float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo, int n) {
        switch (op) {
            case EQ:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x == b[bo + i];
                    }
                }
                return;
            case NE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x != b[bo + i];
                    }
                }
                return;
            case LT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] < b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] < y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x < b[bo + i];
                    }
                }
                return;
            case LE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] <= b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] <= y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x <= b[bo + i];
                    }
                }
                return;
            case GT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] > b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] > y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x > b[bo + i];
                    }
                }
                return;
            case GE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] >= b[bo + i];
                    }
                } else if (as == 1) {
                    float y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] >= y;
                    }
                } else {
                    float x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x >= b[bo + i];
                    }
                }
                return;
            default:
                throw new AssertionError(op);
        }
    }

    @Override
    public void compare(CompareOp op, long[] a, int ao, int as, long[] b, int bo, int bs, boolean[] out, int oo, int n) {
        switch (op) {
            case EQ:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x == b[bo + i];
                    }
                }
                return;
            case NE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x != b[bo + i];
                    }
                }
                return;
            case LT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] < b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] < y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x < b[bo + i];
                    }
                }
                return;
            case LE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] <= b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] <= y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x <= b[bo + i];
                    }
                }
                return;
            case GT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] > b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] > y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x > b[bo + i];
                    }
                }
                return;
            case GE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] >= b[bo + i];
                    }
                } else if (as == 1) {
                    long y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] >= y;
                    }
                } else {
                    long x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x >= b[bo + i];
                    }
                }
                return;
            default:
                throw new AssertionError(op);
        }
    }

    @Override
    public void compare(CompareOp op, boolean[] a, int ao, int as, boolean[] b, int bo, int bs, boolean[] out, int oo, int n) {
        switch (op) {
            case EQ:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == b[bo + i];
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] == y;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x == b[bo + i];
                    }
                }
                return;
            case NE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != b[bo + i];
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = a[ao + i] != y;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x != b[bo + i];
                    }
                }
                return;
            case LT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], b[bo + i]) < 0;
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], y) < 0;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(x, b[bo + i]) < 0;
                    }
                }
                return;
            case LE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], b[bo + i]) <= 0;
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], y) <= 0;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(x, b[bo + i]) <= 0;
                    }
                }
                return;
            case GT:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], b[bo + i]) > 0;
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], y) > 0;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(x, b[bo + i]) > 0;
                    }
                }
                return;
            case GE:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], b[bo + i]) >= 0;
                    }
                } else if (as == 1) {
                    boolean y = b[bo];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(a[ao + i], y) >= 0;
                    }
                } else {
                    boolean x = a[ao];
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = Boolean.compare(x, b[bo + i]) >= 0;
                    }
                }
                return;
            default:
                throw new AssertionError(op);
        }
    }
}
