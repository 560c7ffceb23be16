package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.GradCheck;
import io.jgrad.GradFn;
import io.jgrad.Tensor;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
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
 * Every operation's backward against central differences ({@link GradCheck}), over the cases of
 * {@link OpCases}, and a completeness test that fails when an operation of this package has none.
 */
class GradCheckTest {

    static Stream<OpCases.Case> firstOrder() {
        return OpCases.firstOrder().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstOrder")
    void gradientMatchesCentralDifferences(OpCases.Case c) {
        Set<String> ops = GradCheck.check(c.name(), c.f(), c.inputs(), c.name().hashCode());

        assertThat(ops).as("operations recorded by %s", c.name()).isNotEmpty();
    }

    /**
     * The checker itself must be able to fail: a backward that is wrong by a factor, or that
     * ignores the upstream gradient, is caught.
     */
    @Test
    void checkerRejectsAWrongGradient() {
        Tensor x = Tensor.of(0.3, -1.2, 2.0);
        // x·stopgrad(x): the forward is x², the backward only g·x, half the true gradient
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GradCheck.check("half gradient",
                        t -> t.get(0).mul(t.get(0).detach()), List.of(x), 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("half gradient")
                .hasMessageContaining("analytic");
    }

    @Test
    void everyOperationHasAGradientCheck() throws Exception {
        Set<String> opClasses = concreteGradFnsOfThisPackage();
        assertThat(opClasses)
                .as("the scan of io.jgrad.ops found the operations (it must find something to compare)")
                .contains("Add", "MatMul", "Index", "IndexBackward", "SumTo")
                .hasSizeGreaterThanOrEqualTo(20);

        Set<String> checked = new TreeSet<>();
        for (OpCases.Case c : OpCases.firstOrder()) {
            checked.addAll(GradCheck.check(c.name(), c.f(), c.inputs(), c.name().hashCode()));
        }
        for (OpCases.Case c : OpCases.secondOrder()) {
            checked.addAll(GradCheck.secondOrder(c.name(), c.f(), c.inputs(), c.name().hashCode()));
        }

        Set<String> missing = new TreeSet<>(opClasses);
        missing.removeAll(checked);
        assertThat(missing).as("operations of io.jgrad.ops that no gradient check differentiates through; add a"
                + " case to OpCases").isEmpty();
    }

    /** {@code docs/ops.md} documents every operation: a new one needs its row there too. */
    @Test
    void opsDocumentNamesEveryOperation() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "ops.md"));

        for (String op : concreteGradFnsOfThisPackage()) {
            assertThat(doc).as("docs/ops.md documents %s", op).contains("| `" + op + "` |");
        }
    }

    /** The simple names of the concrete {@link GradFn} subclasses compiled into {@code io.jgrad.ops}. */
    static Set<String> concreteGradFnsOfThisPackage() throws IOException, URISyntaxException, ClassNotFoundException {
        String pkg = Add.class.getPackageName();
        String path = pkg.replace('.', '/');
        URL location = Add.class.getProtectionDomain().getCodeSource().getLocation();
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
                    Add.class.getClassLoader());
            if (GradFn.class.isAssignableFrom(cls) && !Modifier.isAbstract(cls.getModifiers()) && !cls.isInterface()) {
                ops.add(cls.getSimpleName());
            }
        }
        return ops;
    }
}
