package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How the kernels and the thread count are chosen ({@link KernelSelection}): the two properties'
 * values checked, a bad one surfacing as an {@link IllegalArgumentException} on every use (never an
 * {@link ExceptionInInitializerError}), the one log line, and the same bits on any thread count
 * through a whole training step. The properties are read once per JVM, so the cases that set them
 * run in child JVMs on this test's class path.
 */
class KernelSelectionTest {

    @Test
    void kernelsValues() {
        assertThat(KernelSelection.parseKernels(null)).isEmpty();
        assertThat(KernelSelection.parseKernels("  ")).isEmpty();
        assertThat(KernelSelection.parseKernels(" Vector ")).isEqualTo("vector");
        assertThat(KernelSelection.parseKernels("PLAIN")).isEqualTo("plain");
        assertThat(KernelSelection.parseKernels("ejml")).isEqualTo("ejml");
        assertThatThrownBy(() -> KernelSelection.parseKernels("simd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jgrad.kernels: unknown value 'simd'")
                .hasMessageContaining("vector, plain or ejml");
    }

    @Test
    void threadsValues() {
        assertThat(KernelSelection.parseThreads(null, 8)).isEqualTo(8);
        assertThat(KernelSelection.parseThreads("", 8)).isEqualTo(8);
        assertThat(KernelSelection.parseThreads(" 3 ", 8)).isEqualTo(3);
        assertThat(KernelSelection.parseThreads("64", 8)).as("more than the cores is allowed").isEqualTo(64);
        for (String bad : new String[] {"0", "-1", "two", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> KernelSelection.parseThreads(bad, 8))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("jgrad.threads: '" + bad + "' is not a thread count")
                    .hasMessageContaining("whole number ≥ 1")
                    .hasMessageContaining("8 processors");
        }
    }

    @Test
    void defaultThreadsAreTheProcessors() {
        assumeTrue(System.getProperty("jgrad.threads") == null, "jgrad.threads is set");
        assertThat(Kernels.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aBadKernelsValueIsAnIllegalArgumentExceptionAtEveryUse() throws Exception {
        Child c = run(List.of("-Djgrad.kernels=simd"), UseTwice.class);
        assertThat(c.exit).as(c.output).isZero();
        assertThat(c.lines("first: ")).singleElement().asString()
                .startsWith("first: java.lang.IllegalArgumentException: jgrad.kernels: unknown value 'simd'; choose vector, plain or ejml");
        assertThat(c.lines("second: ")).singleElement().asString()
                .startsWith("second: java.lang.IllegalArgumentException: jgrad.kernels: unknown value 'simd'");
    }

    @Test
    void aBadThreadsValueIsAnIllegalArgumentExceptionAtEveryUse() throws Exception {
        Child c = run(List.of("-Djgrad.threads=0"), UseTwice.class);
        assertThat(c.exit).as(c.output).isZero();
        assertThat(c.lines("first: ")).singleElement().asString()
                .startsWith("first: java.lang.IllegalArgumentException: jgrad.threads: '0' is not a thread count; give a whole number ≥ 1");
        assertThat(c.lines("second: ")).singleElement().asString()
                .startsWith("second: java.lang.IllegalArgumentException: jgrad.threads: '0'");
    }

    @Test
    void vectorForcedWithoutTheModuleNamesTheFlag() throws Exception {
        Child c = run(List.of("-Djgrad.kernels=vector"), false, UseTwice.class);
        assertThat(c.lines("first: ")).singleElement().asString()
                .startsWith("first: java.lang.IllegalArgumentException: jgrad.kernels=vector: ")
                .contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void withoutTheModuleTheLogNamesTheFlagOnce() throws Exception {
        Child c = run(List.of(), false, UseTwice.class);
        assertThat(c.lines("first: ")).containsExactly("first: ok plain");
        assertThat(c.logLines()).singleElement().asString()
                .contains("jgrad: plain kernels, matrix products PlainGemm (float64) and PlainFloatGemm (float32)")
                .contains("the available processors")
                .endsWith("need the JVM option --add-modules jdk.incubator.vector");
    }

    @Test
    void withTheModuleTheLogNamesTheVectorKernelsOnce() throws Exception {
        assumeTrue(Kernels.vectorAvailable(), "jdk.incubator.vector is not in this JVM");
        Child c = run(List.of("-Djgrad.threads=3"), true, UseTwice.class);
        assertThat(c.lines("first: ")).containsExactly("first: ok vector");
        assertThat(c.logLines()).singleElement().asString()
                .contains("jgrad: vector kernels, matrix products VectorGemm (float64) and VectorFloatGemm (float32), 3 threads (jgrad.threads)");
    }

    /**
     * A few training steps of a convolutional network and an MLP whose products are large enough
     * to be split across threads, in float64 and float32: the parameters after them have the same
     * bits on 1 thread and on 3 (parts of unequal size), with either kernel set.
     */
    @Test
    void trainingHasTheSameBitsOnAnyThreadCount() throws Exception {
        List<String> sets = new ArrayList<>(List.of("plain"));
        if (Kernels.vectorAvailable()) {
            sets.add("vector");
        }
        for (String set : sets) {
            List<String> digests = new ArrayList<>();
            for (int threads : new int[] {1, 3}) {
                Child c = run(List.of("-Djgrad.kernels=" + set, "-Djgrad.threads=" + threads), set.equals("vector"),
                        TrainSteps.class);
                assertThat(c.exit).as(c.output).isZero();
                assertThat(c.lines("threads ")).as(c.output).containsExactly("threads " + threads);
                digests.add(String.join(" ", c.lines("digest ")));
            }
            assertThat(digests.get(0)).as(set).contains("float64").contains("float32");
            assertThat(digests).as(set + " kernels on 1 and 3 threads").containsOnly(digests.get(0));
        }
    }

    // ------------------------------------------------------------------ child JVMs

    /** Uses the kernels twice and prints what each use gave. */
    static final class UseTwice {
        public static void main(String[] args) {
            for (String which : new String[] {"first", "second"}) {
                try {
                    Tensor x = Tensor.randn(new Random(0), 4, 4);
                    x.matmul(x).exp().sum().item();
                    System.out.println(which + ": ok " + Kernels.setName());
                } catch (Throwable t) {
                    System.out.println(which + ": " + t);
                }
            }
        }
    }

    /** Two SGD steps of two models in both floating dtypes; prints a digest of the parameters' bits. */
    static final class TrainSteps {
        public static void main(String[] args) throws Exception {
            System.out.println("threads " + Kernels.threads());
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                Random rng = new Random(7);
                // products of 2^21 multiply-adds and more, which are split: 64 x 256 x 512 in the MLP,
                // 32 x 256 x 288 per image in the second convolution (and its two gradients); the
                // convolutions' five images cut into ranges of 2, 2 and 1 on three threads
                Sequential mlp = new Sequential(new Linear(256, 512, rng), new ReLU(), new Linear(512, 10, rng));
                Sequential cnn = new Sequential(new Conv2d(3, 32, 3, 1, 1, rng), new ReLU(),
                        new Conv2d(32, 32, 3, 1, 1, rng), new ReLU(), new Flatten(), new Linear(32 * 16 * 16, 10, rng));
                mlp.to(dtype);
                cnn.to(dtype);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                train(mlp, Tensor.randn(rng, dtype, 64, 256), labels(rng, 64), md);
                train(cnn, Tensor.randn(rng, dtype, 5, 3, 16, 16), labels(rng, 5), md);
                System.out.println("digest " + dtype.name().toLowerCase() + " " + HexFormat.of().formatHex(md.digest()));
            }
        }

        private static int[] labels(Random rng, int n) {
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(10);
            }
            return y;
        }

        private static void train(Sequential model, Tensor x, int[] y, MessageDigest md) {
            SGD opt = new SGD(model.parameters(), 0.01).momentum(0.9);
            CrossEntropyLoss lossFn = new CrossEntropyLoss();
            for (int step = 0; step < 2; step++) {
                Tensor loss = lossFn.forward(model.forward(x), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
            for (Tensor p : model.parameters()) {
                for (double v : p.toArray()) {
                    long bits = Double.doubleToRawLongBits(v);
                    for (int i = 0; i < 8; i++) {
                        md.update((byte) (bits >>> (8 * i)));
                    }
                }
            }
        }
    }

    private record Child(int exit, String output) {
        List<String> lines(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).toList();
        }

        /** The log records' messages (java.util.logging's default format puts the level first). */
        List<String> logLines() {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^(?:INFO|WARNING): (jgrad: .*)$").matcher(output);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }

    private static Child run(List<String> options, Class<?> main) throws Exception {
        return run(options, Kernels.vectorAvailable(), main);
    }

    private static Child run(List<String> options, boolean vectorModule, Class<?> main) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Duser.language=en"));
        if (vectorModule) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Child(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
