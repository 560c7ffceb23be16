package io.jgrad.ndarray;

import io.jgrad.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark-only access to the kernel seam, which is package-private: one call of each primitive
 * of a kernel set on arrays prepared once, as a {@link Runnable}, for
 * {@code io.jgrad.bench.KernelBench} to time the plain and the vector set side by side. The calls
 * are the ones the array layer makes (whole runs from offset 0), one per element-wise operand
 * layout; reductions and softmax on an {@code (n / cols, cols)} matrix, along either dimension.
 */
public final class KernelCases {

    /**
     * One timed call.
     *
     * @param name the primitive and its operand layout or dimension, e.g. {@code ADD run/rep}
     * @param dtype {@code float64} or {@code float32}
     * @param run calls the kernel once
     */
    public record Case(String name, String dtype, Runnable run) {
    }

    private KernelCases() {
    }

    /**
     * Makes a set by name, as {@link Kernels} would; the vector set always with the Vector API
     * comparisons, which {@code VectorKernels.create} leaves out on JDK 17, so that they are
     * measured there too.
     *
     * @param set {@code plain} or {@code vector}
     * @return an opaque handle for {@link #cases}
     * @throws IllegalStateException for {@code vector} without the module
     */
    public static Object set(String set) {
        if (set.equals("plain")) {
            return KernelSet.plain();
        }
        try {
            KernelSet k = (KernelSet) Class.forName("io.jgrad.ndarray.VectorKernels").getDeclaredMethod("create")
                    .invoke(null);
            CompareKernels compare = (CompareKernels) Class.forName("io.jgrad.ndarray.VectorCompare")
                    .getDeclaredConstructor().newInstance();
            return new KernelSet(k.name(), k.unary(), k.binary(), compare, k.reductions(), k.casts(), k.updates());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the vector kernel set needs --add-modules jdk.incubator.vector", e);
        }
    }

    /**
     * Every benchmarked call of a set on {@code n} elements of random data.
     *
     * @param handle from {@link #set}
     * @param n elements per operand (a multiple of {@code cols} for the reductions is not needed:
     *          their matrix is {@code (n / cols, cols)})
     * @param cols the columns of the reductions' matrix
     * @return the cases, in a fixed order (the same for every set)
     */
    public static List<Case> cases(Object handle, int n, int cols) {
        KernelSet k = (KernelSet) handle;
        Random g = new Random(n);
        List<Case> out = new ArrayList<>();
        double[] a = gauss(g, n);
        double[] b = gauss(g, n);
        double[] pos = new double[n];
        for (int i = 0; i < n; i++) {
            pos[i] = Math.abs(a[i]) + 0.5;
        }
        double[] o = new double[n];
        float[] af = floats(a);
        float[] bf = floats(b);
        float[] posf = floats(pos);
        float[] of = new float[n];
        for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SQRT, UnaryOp.RELU, UnaryOp.POSITIVE_MASK,
            UnaryOp.SQUARE, UnaryOp.RECIPROCAL, UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.GELU}) {
            double[] x = op == UnaryOp.SQRT || op == UnaryOp.LOG ? pos : a;
            float[] xf = op == UnaryOp.SQRT || op == UnaryOp.LOG ? posf : af;
            out.add(new Case(op.name(), "float64", () -> k.unary().unary(op, x, 0, o, 0, n)));
            out.add(new Case(op.name(), "float32", () -> k.unary().unary(op, xf, 0, of, 0, n)));
        }
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAXIMUM,
            BinaryOp.MINIMUM, BinaryOp.RELU_BACKWARD, BinaryOp.GELU_BACKWARD}) {
            String name = op.name();
            out.add(new Case(name + " run/run", "float64", () -> k.binary().binary(op, a, 0, 1, b, 0, 1, o, 0, n)));
            out.add(new Case(name + " run/run", "float32", () -> k.binary().binary(op, af, 0, 1, bf, 0, 1, of, 0, n)));
            out.add(new Case(name + " run/rep", "float64", () -> k.binary().binary(op, a, 0, 1, b, 0, 0, o, 0, n)));
            out.add(new Case(name + " run/rep", "float32", () -> k.binary().binary(op, af, 0, 1, bf, 0, 0, of, 0, n)));
            out.add(new Case(name + " rep/run", "float64", () -> k.binary().binary(op, a, 0, 0, b, 0, 1, o, 0, n)));
            out.add(new Case(name + " rep/run", "float32", () -> k.binary().binary(op, af, 0, 0, bf, 0, 1, of, 0, n)));
        }
        boolean[] ob = new boolean[n];
        for (CompareOp op : CompareOp.values()) {
            out.add(new Case(op.name() + " run/run", "float64",
                    () -> k.compare().compare(op, a, 0, 1, b, 0, 1, ob, 0, n)));
            out.add(new Case(op.name() + " run/run", "float32",
                    () -> k.compare().compare(op, af, 0, 1, bf, 0, 1, ob, 0, n)));
        }
        out.add(new Case("GT run/rep", "float64", () -> k.compare().compare(CompareOp.GT, a, 0, 1, b, 0, 0, ob, 0, n)));
        out.add(new Case("GT run/rep", "float32",
                () -> k.compare().compare(CompareOp.GT, af, 0, 1, bf, 0, 0, ob, 0, n)));
        out.add(new Case("cast to float32", "float64",
                () -> k.casts().convert(DType.FLOAT64, a, 0, DType.FLOAT32, of, 0, n)));
        out.add(new Case("cast to float64", "float32",
                () -> k.casts().convert(DType.FLOAT32, af, 0, DType.FLOAT64, o, 0, n)));
        updates(k, out, n, g);
        reductions(k, out, n, cols, a, af);
        return out;
    }

    private static void updates(KernelSet k, List<Case> out, int n, Random g) {
        double[] w = gauss(g, n);
        double[] grad = gauss(g, n);
        double[] buf = gauss(g, n);
        double[] m = gauss(g, n);
        double[] v = new double[n];
        float[] wf = floats(w);
        float[] gf = floats(grad);
        float[] bff = floats(buf);
        float[] mf = floats(m);
        float[] vf = new float[n];
        // tiny steps, so that the parameters stay ordinary numbers however long the timing runs
        double lr = 1e-9;
        out.add(new Case("sgd", "float64", () -> k.updates().sgd(w, grad, null, false, lr, 0, 0, 0, false, n)));
        out.add(new Case("sgd", "float32", () -> k.updates().sgd(wf, gf, null, false, lr, 0, 0, 0, false, n)));
        out.add(new Case("sgd momentum", "float64",
                () -> k.updates().sgd(w, grad, buf, false, lr, 0, 0.9, 0, false, n)));
        out.add(new Case("sgd momentum", "float32",
                () -> k.updates().sgd(wf, gf, bff, false, lr, 0, 0.9, 0, false, n)));
        out.add(new Case("sgd nesterov wd", "float64",
                () -> k.updates().sgd(w, grad, buf, false, lr, 1e-4, 0.9, 0, true, n)));
        out.add(new Case("sgd nesterov wd", "float32",
                () -> k.updates().sgd(wf, gf, bff, false, lr, 1e-4, 0.9, 0, true, n)));
        out.add(new Case("adamw", "float64",
                () -> k.updates().adam(w, grad, m, v, 0, 1 - 1e-9, 0.9, 0.999, lr, 0.5, 1e-8, n)));
        out.add(new Case("adamw", "float32",
                () -> k.updates().adam(wf, gf, mf, vf, 0, 1 - 1e-9, 0.9, 0.999, lr, 0.5, 1e-8, n)));
        out.add(new Case("adam l2", "float64",
                () -> k.updates().adam(w, grad, m, v, 1e-4, 1, 0.9, 0.999, lr, 0.5, 1e-8, n)));
        out.add(new Case("adam l2", "float32",
                () -> k.updates().adam(wf, gf, mf, vf, 1e-4, 1, 0.9, 0.999, lr, 0.5, 1e-8, n)));
    }

    private static void reductions(KernelSet k, List<Case> out, int n, int cols, double[] a, float[] af) {
        int rows = Math.max(1, n / cols);
        int c = Math.min(cols, n);
        double[] o = new double[n];
        float[] of = new float[n];
        int[] arg = new int[n];
        // dim 0: the reduced elements are c apart (inner = c); dim 1: contiguous (inner = 1)
        out.add(new Case("sum dim 0", "float64", () -> k.reductions().sum(a, 1, rows, c, o)));
        out.add(new Case("sum dim 0", "float32", () -> k.reductions().sum(af, 1, rows, c, of)));
        out.add(new Case("max dim 0", "float64", () -> k.reductions().extreme(a, 1, rows, c, false, o, arg)));
        out.add(new Case("max dim 0", "float32", () -> k.reductions().extreme(af, 1, rows, c, false, of, arg)));
        out.add(new Case("softmax dim 1", "float64", () -> k.reductions().softmax(a, rows, c, 1, false, o)));
        out.add(new Case("softmax dim 1", "float32", () -> k.reductions().softmax(af, rows, c, 1, false, of)));
        out.add(new Case("logSoftmax dim 1", "float64", () -> k.reductions().softmax(a, rows, c, 1, true, o)));
        out.add(new Case("logSoftmax dim 1", "float32", () -> k.reductions().softmax(af, rows, c, 1, true, of)));
        out.add(new Case("softmax dim 0", "float64", () -> k.reductions().softmax(a, 1, rows, c, false, o)));
        out.add(new Case("softmax dim 0", "float32", () -> k.reductions().softmax(af, 1, rows, c, false, of)));
    }

    private static double[] gauss(Random g, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = g.nextGaussian();
        }
        return x;
    }

    private static float[] floats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
