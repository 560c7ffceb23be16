package io.jgrad.ndarray;

import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel set on the JDK's Vector API ({@code jdk.incubator.vector}): the plain-Java set with
 * the primitives where explicit SIMD pays overridden by {@code DoubleVector}/{@code FloatVector}
 * loops on the preferred species (8 doubles or 16 floats with AVX-512). {@link Kernels} loads this
 * class by reflection ({@link #create}) only when the module is in the boot layer, so a plain JVM
 * never links it.
 *
 * <p>Every override gives the same bits as the plain loop it replaces (the same operations on each
 * element, in the same order; Java's {@code a * b + c} is two roundings and stays two here, never
 * an fma), with one documented exception: the float32 transcendental functions ({@code EXP},
 * {@code LOG}, {@code TANH}, {@code SIGMOID}, and the exponentials of float32 softmax) use the
 * Vector API's vectorised math, within 1 ulp of the plain {@code (float) Math.f(x)} (checked on
 * all 2^32 float inputs on JDK 17 and 25), and the float32 exact GELU and its backward are within
 * 1 ulp of the plain ones ({@link VectorGelu}). Tails (the last {@code n mod L} elements of a run) are
 * handed to the plain loop, so they are computed by the very code the plain set runs.
 *
 * <p>Overridden (see each class for what it covers; speed-ups on one core of an AVX-512 Zen 4,
 * JDK 17, at 10^3 to 10^6 elements, from {@code io.jgrad.bench.KernelBench}):
 * <ul>
 *   <li>{@link VectorUnary}: {@code NEG ABS SQRT RELU POSITIVE_MASK SQUARE RECIPROCAL}, float64
 *       1.9–4.4×, float32 4–16×; float32 {@code EXP LOG TANH} 27–80×, {@code SIGMOID} 2.8–7×,
 *       {@code GELU} 1.9–2.4× ({@link VectorGelu}, within 1 ulp);</li>
 *   <li>{@link VectorBinary}'s float32 {@code GELU_BACKWARD}: 2.4–3.7× ({@link VectorGelu}, within 1 ulp);</li>
 *   <li>{@link VectorBinary}: {@code ADD SUB MUL DIV MAXIMUM MINIMUM RELU_BACKWARD} in the three
 *       operand layouts, float64 1.2–4.4×, float32 2–8.5×;</li>
 *   <li>{@link VectorReductions}: sums 2.3–5× and extremes 1.7–3.7× along a dimension with
 *       {@code inner > 1}, softmax ({@link VectorSoftmax}) float64 1.2–2.5×, float32 3.4–12.6×;</li>
 *   <li>{@link VectorCasts}: float64 ↔ float32, 1.6–3.3×;</li>
 *   <li>{@link VectorCompare}, from JDK 18 on ({@link #MASK_STORES}).</li>
 * </ul>
 *
 * <p>Inherited from the plain set, and why:
 * <ul>
 *   <li>optimizer updates ({@link PlainUpdates}): a Vector API twin, bit-identical, measured
 *       0.6–1.2× the plain loops (C2 already compiles those to 512-bit SIMD code, and the updates
 *       are bound by memory traffic), so it was dropped;</li>
 *   <li>comparisons on JDK 17 ({@link PlainCompare}): 0.6× for float64 {@code < <= > >=},
 *       1.0–1.25× for float64 {@code == !=}, 1.2–2.3× for float32, with 2 bytes of garbage per
 *       element (see {@link #MASK_STORES});</li>
 *   <li>float64 {@code EXP LOG TANH SIGMOID} and the exponentials of float64 softmax: they must
 *       stay bit-identical to {@link Math}, which no vector library promises;</li>
 *   <li>{@code POW} (one {@code Math.pow} per element, which the Vector API would only emulate),
 *       {@code SIGN}, and every int64 and bool kernel: not where a network spends its time;</li>
 *   <li>sums and extremes along the last dimension ({@code inner = 1}): each result is one
 *       sequential chain, which SIMD could only speed up by reordering it (the sums' order is
 *       promised by {@link ReductionKernels}).</li>
 * </ul>
 *
 * <p>C2 only compiles Vector API code to SIMD instructions after it has seen it run; until then
 * (and for a while after a deoptimization) each vector operation is emulated with a fresh array,
 * hundreds of times slower than the plain loop. A program's first few hundred calls of a kernel
 * pay for that.
 */
final class VectorKernels {

    /** Doubles: the preferred species (8 lanes with AVX-512, 4 with AVX2). */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector. */
    static final int DL = D.length();
    /** Floats: the preferred species (16 lanes with AVX-512). */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int FL = F.length();
    /** The upper half of a float vector, lanes {@code DL … FL-1}: where {@link #narrow} puts its second part. */
    static final VectorMask<Float> UPPER = upperHalf();

    /**
     * Whether the float32 transcendental functions use the Vector API's math
     * ({@code VectorOperators.EXP}, …). HotSpot compiles those to the SVML stubs it ships for
     * x86-64 Linux and Windows only; elsewhere it falls back to a per-lane Java loop, far slower
     * than the plain {@code Math} loop, so there the plain loops are kept.
     */
    static final boolean FAST_MATH = fastMath();

    /**
     * Whether a {@code VectorMask} is stored into a {@code boolean[]} as one vector store: HotSpot
     * compiles {@code VectorMask.intoArray} so from JDK 18 on (JDK-8268154); JDK 17 copies each
     * mask through a fresh array, which made the comparisons slower than the plain loops and left
     * 2 bytes of garbage per element, so there {@link #create} keeps {@link PlainCompare}.
     */
    static final boolean MASK_STORES = Runtime.version().feature() >= 18;

    private VectorKernels() {
    }

    /**
     * Makes the set; called by {@link Kernels} through reflection.
     *
     * @return the Vector API kernel set, named {@code vector}
     */
    static KernelSet create() {
        return new KernelSet("vector", new VectorUnary(), new VectorBinary(),
                MASK_STORES ? new VectorCompare() : new PlainCompare(), new VectorReductions(), new VectorCasts(),
                new PlainUpdates());
    }

    /**
     * ReLU's derivative from its output, lane by lane as {@link ScalarMath#positive(double)}: the
     * same two scalings and clamps, so the same bits.
     */
    static DoubleVector positive(DoubleVector y) {
        return y.mul(0x1p1023).mul(0x1p52).max(0.0).min(1.0);
    }

    /** As {@link #positive(DoubleVector)}, lane by lane as {@link ScalarMath#positive(float)}. */
    static FloatVector positive(FloatVector y) {
        return y.mul(0x1p127f).mul(0x1p22f).max(0.0f).min(1.0f);
    }

    // Float <-> double conversions go through the one float species F, in two parts, never through
    // a float vector half as wide: on JDK 17, float vectors of two shapes in one JVM make the
    // profiles of the FloatVector methods both share (intoArray above all) bimorphic, and C2 then
    // failed to compile some float kernels to vector code (they boxed every vector, 3 to 30 times
    // slower than the plain loops; measured).

    /** Lanes {@code 0 … DL-1} of {@code v}, widened to doubles (exactly). */
    static DoubleVector lower(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    /** Lanes {@code DL … FL-1} of {@code v}, widened to doubles (exactly). */
    static DoubleVector upper(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    /** The float vector of {@code (float) lo} then {@code (float) hi}, each lane rounded as a Java cast. */
    static FloatVector narrow(DoubleVector lo, DoubleVector hi) {
        FloatVector l = (FloatVector) lo.convertShape(VectorOperators.D2F, F, 0);
        FloatVector h = (FloatVector) hi.convertShape(VectorOperators.D2F, F, -1);
        return l.blend(h, UPPER);
    }

    private static VectorMask<Float> upperHalf() {
        boolean[] bits = new boolean[FL];
        for (int l = DL; l < FL; l++) {
            bits[l] = true;
        }
        return VectorMask.fromArray(F, bits, 0);
    }

    private static boolean fastMath() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return (arch.equals("amd64") || arch.equals("x86_64")) && (os.contains("linux") || os.contains("windows"));
    }
}
