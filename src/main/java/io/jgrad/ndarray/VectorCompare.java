package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorKernels.D;
import static io.jgrad.ndarray.VectorKernels.DL;
import static io.jgrad.ndarray.VectorKernels.F;
import static io.jgrad.ndarray.VectorKernels.FL;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Element-wise comparisons of float64 and float32 operands on the Vector API, in the three operand
 * layouts of {@link PlainCompare}: a lane-wise IEEE comparison whose mask is stored straight into
 * the bool array (NaN compares unequal to everything, as in the plain loops, so the results are
 * the same). {@code GT} and {@code GE} are {@code LT} and {@code LE} with the operands swapped
 * ({@code a > b} exactly when {@code b < a}, NaN included). The last {@code n mod L} elements are
 * left to the plain loop. The loops are called through one object per comparison, for the reason
 * given in {@link VectorBinary}.
 *
 * <p>Inherited from {@link PlainCompare}: int64 and bool operands. On JDK 17 the vector set does
 * not use this class at all (see {@link VectorKernels#MASK_STORES}).
 */
class VectorCompare extends PlainCompare {

    private static final Loop EQ = new Eq();
    private static final Loop NE = new Ne();
    private static final Loop LT = new Lt();
    private static final Loop LE = new Le();

    VectorCompare() {
    }

    @Override
    public void compare(CompareOp op, double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo,
                        int n) {
        int done = 0;
        if (n >= DL && (as == 1 || bs == 1)) {
            // a > b is b < a, and a >= b is b <= a, NaN included
            boolean swap = op == CompareOp.GT || op == CompareOp.GE;
            double[] x = swap ? b : a;
            double[] y = swap ? a : b;
            done = loop(op).run(x, swap ? bo : ao, swap ? bs : as, y, swap ? ao : bo, swap ? as : bs, out, oo, n);
        }
        if (done < n) {
            // the tail (or the whole run) by the plain loop, so it is computed by the same code
            super.compare(op, a, ao + done * as, as, b, bo + done * bs, bs, out, oo + done, n - done);
        }
    }

    @Override
    public void compare(CompareOp op, float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo,
                        int n) {
        int done = 0;
        if (n >= FL && (as == 1 || bs == 1)) {
            boolean swap = op == CompareOp.GT || op == CompareOp.GE;
            float[] x = swap ? b : a;
            float[] y = swap ? a : b;
            done = loop(op).run(x, swap ? bo : ao, swap ? bs : as, y, swap ? ao : bo, swap ? as : bs, out, oo, n);
        }
        if (done < n) {
            super.compare(op, a, ao + done * as, as, b, bo + done * bs, bs, out, oo + done, n - done);
        }
    }

    private static Loop loop(CompareOp op) {
        switch (op) {
            case EQ:
                return EQ;
            case NE:
                return NE;
            case LT:
            case GT:
                return LT;
            case LE:
            case GE:
                return LE;
            default:
                throw new AssertionError(op);
        }
    }

    /**
     * One comparison's vector loops, float64 and float32, in the three layouts; each returns how
     * many elements it did (a multiple of the lane count), the caller does the rest.
     */
    private abstract static class Loop {

        abstract int run(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo, int n);

        abstract int run(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo, int n);
    }

    /** {@code a == b}. */
    private static final class Eq extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.compare(VectorOperators.EQ, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).compare(VectorOperators.EQ, y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.compare(VectorOperators.EQ, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    x.compare(VectorOperators.EQ, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).compare(VectorOperators.EQ, y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.compare(VectorOperators.EQ, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code a != b (true where either is NaN)}. */
    private static final class Ne extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.compare(VectorOperators.NE, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).compare(VectorOperators.NE, y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.compare(VectorOperators.NE, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    x.compare(VectorOperators.NE, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).compare(VectorOperators.NE, y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.compare(VectorOperators.NE, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code a < b}. */
    private static final class Lt extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.compare(VectorOperators.LT, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).compare(VectorOperators.LT, y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.compare(VectorOperators.LT, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    x.compare(VectorOperators.LT, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).compare(VectorOperators.LT, y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.compare(VectorOperators.LT, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code a <= b}. */
    private static final class Le extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.compare(VectorOperators.LE, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).compare(VectorOperators.LE, y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.compare(VectorOperators.LE, DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector x = FloatVector.fromArray(F, a, ao + i);
                    x.compare(VectorOperators.LE, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).compare(VectorOperators.LE, y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.compare(VectorOperators.LE, FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }
}
