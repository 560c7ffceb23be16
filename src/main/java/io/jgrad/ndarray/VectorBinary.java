package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorKernels.D;
import static io.jgrad.ndarray.VectorKernels.DL;
import static io.jgrad.ndarray.VectorKernels.F;
import static io.jgrad.ndarray.VectorKernels.FL;
import static io.jgrad.ndarray.VectorKernels.positive;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Element-wise arithmetic of two arguments on the Vector API: {@code ADD}, {@code SUB},
 * {@code MUL}, {@code DIV}, {@code MAXIMUM}, {@code MINIMUM} and {@code RELU_BACKWARD} on float64
 * and float32, in the three operand layouts (run with run, run with a repeated value, repeated
 * value with run), one loop each. Each lane does the operation the plain loop does on that
 * element (IEEE arithmetic, {@code max}/{@code min} with {@link Math#max}'s NaN and signed-zero
 * rules, ReLU's backward as {@code a · positive(b)} with the same two scalings and clamps), so the
 * results are bit-identical to {@link PlainBinary}'s; the last {@code n mod L} elements are left
 * to the plain loop.
 *
 * <p>Each operation's loops are an object ({@link Loop}), called from one call site: C2 then
 * inlines at most two operations' loops into the dispatching method. With a switch over static
 * methods it could inline all the hot ones at once (it did, after a deoptimization), outgrow its
 * node budget half-way, leave the Vector API calls of the last ones uncompiled and run them boxed,
 * 8 times slower (measured on DIV, float32).
 *
 * <p>Float32 {@code GELU_BACKWARD} (runs only, when {@link VectorKernels#FAST_MATH}) computes in
 * double lanes with {@link VectorGelu}: within 1 ulp of the plain loop, not bit-identical.
 *
 * <p>Inherited from {@link PlainBinary}: {@code POW} (one {@code Math.pow} call per element, which
 * the Vector API would only emulate), int64 and bool.
 */
class VectorBinary extends PlainBinary {

    /** The vector loops of each operation, by {@link BinaryOp#ordinal()}; null where the plain loop serves. */
    private static final Loop[] LOOPS = new Loop[BinaryOp.values().length];

    static {
        LOOPS[BinaryOp.ADD.ordinal()] = new Add();
        LOOPS[BinaryOp.SUB.ordinal()] = new Sub();
        LOOPS[BinaryOp.MUL.ordinal()] = new Mul();
        LOOPS[BinaryOp.DIV.ordinal()] = new Div();
        LOOPS[BinaryOp.MAXIMUM.ordinal()] = new Maximum();
        LOOPS[BinaryOp.MINIMUM.ordinal()] = new Minimum();
        LOOPS[BinaryOp.RELU_BACKWARD.ordinal()] = new ReluBackward();
        if (VectorKernels.FAST_MATH) {
            LOOPS[BinaryOp.GELU_BACKWARD.ordinal()] = new GeluBackward();
        }
    }

    VectorBinary() {
    }

    @Override
    public void binary(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
        Loop loop = LOOPS[op.ordinal()];
        int done = loop != null && n >= DL && (as == 1 || bs == 1) ? loop.run(a, ao, as, b, bo, bs, out, oo, n) : 0;
        if (done < n) {
            // the tail (or the whole run) by the plain loop, so it is computed by the same code
            super.binary(op, a, ao + done * as, as, b, bo + done * bs, bs, out, oo + done, n - done);
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
        Loop loop = LOOPS[op.ordinal()];
        int done = loop != null && n >= FL && (as == 1 || bs == 1) ? loop.run(a, ao, as, b, bo, bs, out, oo, n) : 0;
        if (done < n) {
            super.binary(op, a, ao + done * as, as, b, bo + done * bs, bs, out, oo + done, n - done);
        }
    }

    /**
     * One operation's vector loops, float64 and float32: {@code out[oo + i] = f(a[ao + i·as], b[bo + i·bs])}
     * with one stride 1 and the other 1 or 0; each returns how many elements it did (a multiple of
     * the lane count), the caller does the rest.
     */
    private abstract static class Loop {

        abstract int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n);

        abstract int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n);
    }

    /** {@code a + b}. */
    private static final class Add extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.add(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).add(y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.add(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).add(y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.add(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code a - b}. */
    private static final class Sub extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.sub(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).sub(y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.sub(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).sub(y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.sub(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code a · b}. */
    private static final class Mul extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.mul(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).mul(y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.mul(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).mul(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).mul(y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.mul(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code a / b}. */
    private static final class Div extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.div(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).div(y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.div(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).div(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).div(y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.div(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code max(a, b)}. */
    private static final class Maximum extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.max(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).max(y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.max(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).max(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).max(y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.max(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code min(a, b)}. */
    private static final class Minimum extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
                    x.min(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, b[bo]);
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).min(y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.min(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).min(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, b[bo]);
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).min(y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.min(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /** {@code a · positive(b)}. */
    private static final class ReluBackward extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            int end = D.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += DL) {
                    DoubleVector mask = positive(DoubleVector.fromArray(D, b, bo + i));
                    DoubleVector.fromArray(D, a, ao + i).mul(mask).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                DoubleVector y = DoubleVector.broadcast(D, ScalarMath.positive(b[bo]));
                for (; i < end; i += DL) {
                    DoubleVector.fromArray(D, a, ao + i).mul(y).intoArray(out, oo + i);
                }
            } else {
                DoubleVector x = DoubleVector.broadcast(D, a[ao]);
                for (; i < end; i += DL) {
                    x.mul(positive(DoubleVector.fromArray(D, b, bo + i))).intoArray(out, oo + i);
                }
            }
            return i;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            int end = F.loopBound(n);
            int i = 0;
            if (as == 1 && bs == 1) {
                for (; i < end; i += FL) {
                    FloatVector mask = positive(FloatVector.fromArray(F, b, bo + i));
                    FloatVector.fromArray(F, a, ao + i).mul(mask).intoArray(out, oo + i);
                }
            } else if (as == 1) {
                FloatVector y = FloatVector.broadcast(F, ScalarMath.positive(b[bo]));
                for (; i < end; i += FL) {
                    FloatVector.fromArray(F, a, ao + i).mul(y).intoArray(out, oo + i);
                }
            } else {
                FloatVector x = FloatVector.broadcast(F, a[ao]);
                for (; i < end; i += FL) {
                    x.mul(positive(FloatVector.fromArray(F, b, bo + i))).intoArray(out, oo + i);
                }
            }
            return i;
        }
    }

    /**
     * Exact GELU's backward ({@link VectorGelu#geluBackward}) in double lanes, rounded to float;
     * float32 runs only (float64 and a repeated operand: the plain loop).
     */
    private static final class GeluBackward extends Loop {

        @Override
        int run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
            return 0;
        }

        @Override
        int run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
            if (as != 1 || bs != 1) {
                return 0;
            }
            return VectorGelu.geluBackward(a, ao, b, bo, out, oo, n);
        }
    }
}
