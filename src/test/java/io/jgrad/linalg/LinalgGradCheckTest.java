package io.jgrad.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.GradCheck;
import io.jgrad.GradFn;
import io.jgrad.ops.OpCases.Case;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function of {@link Linalg} and every node of {@code io.jgrad.linalg} against central
 * differences in float64 ({@link GradCheck}: {@code h = 1e-6}, relative tolerance {@code 1e-6}),
 * first and second order, over {@link LinalgCases}; and the completeness tests of this package (the
 * ops completeness test only scans {@code io.jgrad.ops}): every {@code GradFn} here has a gradient
 * check and a row in {@code docs/linalg.md}.
 */
class LinalgGradCheckTest {

    static Stream<Case> firstOrder() {
        return LinalgCases.firstOrder().stream();
    }

    static Stream<Case> secondOrder() {
        return LinalgCases.secondOrder().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstOrder")
    void gradientMatchesCentralDifferences(Case c) {
        Set<String> ops = GradCheck.check(c.name(), c.f(), c.inputs(), c.name().hashCode());

        assertThat(ops).as("operations recorded by %s", c.name()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secondOrder")
    void secondDerivativeMatchesCentralDifferencesOfTheGradient(Case c) {
        Set<String> ops = GradCheck.secondOrder(c.name(), c.f(), c.inputs(), c.name().hashCode());

        assertThat(ops).as("operations recorded by the gradient of %s", c.name()).isNotEmpty();
    }

    @Test
    void everyOperationHasAGradientCheck() throws Exception {
        Set<String> opClasses = concreteGradFnsOfThisPackage();
        assertThat(opClasses).as("the scan of io.jgrad.linalg found its nodes")
                .contains("LinalgSolve", "LinalgInv", "LinalgDet", "LinalgSlogdet", "LinalgCholesky", "LinalgQr",
                        "LinalgEigh", "LinalgSvd", "LinalgSolveTriangular");

        Set<String> checked = new TreeSet<>();
        for (Case c : LinalgCases.firstOrder()) {
            checked.addAll(GradCheck.check(c.name(), c.f(), c.inputs(), c.name().hashCode()));
        }
        for (Case c : LinalgCases.secondOrder()) {
            checked.addAll(GradCheck.secondOrder(c.name(), c.f(), c.inputs(), c.name().hashCode()));
        }
        Set<String> missing = new TreeSet<>(opClasses);
        missing.removeAll(checked);
        assertThat(missing).as("nodes of io.jgrad.linalg that no gradient check differentiates through; add a case"
                + " to LinalgCases").isEmpty();

        Set<String> secondOrder = new TreeSet<>();
        for (Case c : LinalgCases.secondOrder()) {
            secondOrder.addAll(GradCheck.opsOf(c.f().apply(leaves(c))));
        }
        missing = new TreeSet<>(opClasses);
        missing.removeAll(secondOrder);
        assertThat(missing).as("nodes of io.jgrad.linalg without a second-order case").isEmpty();
    }

    /** {@code docs/linalg.md} documents every node: a new one needs its row there too. */
    @Test
    void linalgDocumentNamesEveryNode() throws Exception {
        String doc = Files.readString(Path.of("docs", "linalg.md"));

        for (String op : concreteGradFnsOfThisPackage()) {
            assertThat(doc).as("docs/linalg.md documents %s", op).contains("| `" + op + "` |");
        }
    }

    private static List<io.jgrad.Tensor> leaves(Case c) {
        List<io.jgrad.Tensor> out = new ArrayList<>();
        for (io.jgrad.Tensor t : c.inputs()) {
            out.add(t.detach().requiresGrad(true));
        }
        return out;
    }

    /** The simple names of the concrete {@link GradFn} subclasses compiled into {@code io.jgrad.linalg}. */
    static Set<String> concreteGradFnsOfThisPackage() throws IOException, URISyntaxException, ClassNotFoundException {
        String pkg = Linalg.class.getPackageName();
        String path = pkg.replace('.', '/');
        URL location = Linalg.class.getProtectionDomain().getCodeSource().getLocation();
        File root = new File(location.toURI());
        List<String> classNames = new ArrayList<>();
        if (root.isDirectory()) {
            File[] files = new File(root, path).listFiles();
            if (files != null) {
                for (File f : files) {
                    classNames.add(f.getName());
                }
            }
        } else {
            try (JarFile jar = new JarFile(root)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(path + "/") && name.indexOf('/', path.length() + 1) < 0) {
                        classNames.add(name.substring(path.length() + 1));
                    }
                }
            }
        }
        Set<String> ops = new TreeSet<>();
        for (String file : classNames) {
            if (!file.endsWith(".class") || file.equals("package-info.class")) {
                continue;
            }
            Class<?> cls = Class.forName(pkg + "." + file.substring(0, file.length() - ".class".length()), false,
                    Linalg.class.getClassLoader());
            if (GradFn.class.isAssignableFrom(cls) && !Modifier.isAbstract(cls.getModifiers()) && !cls.isInterface()) {
                ops.add(cls.getSimpleName());
            }
        }
        return ops;
    }
}
