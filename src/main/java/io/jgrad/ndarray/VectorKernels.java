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
 * <p>Every override gives the same bits as the plain loop it replaces (same operations on each
 * element, in the same order; Java's {@code a * b + c} is two roundings and stays two here, never
 * an fma), with one documented exception: the float32 transcendental functions ({@code EXP},
 * {@code LOG}, {@code TANH}, {@code SIGMOID}, and the exponentials of float32 softmax) use the
 * Vector API's vectorised math, within 1 ulp of the plain {@code (float) Math.f(x)} (checked on
 * all 2^32 float inputs on JDK 17 and 25). Each class lists what it overrides and what it
 * inherits:
 * <ul>
 *   <li>{@link VectorUnary}, {@link VectorBinary}, {@link VectorCompare}: float32 and float64;</li>
 *   <li>{@link VectorReductions}: sums and extremes where the reduced elements are {@code inner}
 *       apart (SIMD across {@code inner}, each element's order kept), softmax;</li>
 *   <li>{@link VectorCasts}: float64 ↔ float32;</li>
 *   <li>{@link VectorUpdates}: SGD and Adam, float32 and float64.</li>
 * </ul>
 * Inherited from the plain set everywhere: int64 and bool kernels (rare in the hot path of a
 * network; C2 vectorises the int64 loops itself), {@code POW} (a call to {@code Math.pow} per
 * element) and {@code SIGN}. Float64 transcendental functions stay on the plain loops because
 * their results must be bit-identical to {@code Math}, which no vector library promises.
 *
 * <p>Tails (the last {@code n mod L} elements of a run) are handed to the plain loop, so they are
 * computed by the very code the plain set runs.
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
                new VectorUpdates());
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
