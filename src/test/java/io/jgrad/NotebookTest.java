package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The backpropagation notebook ({@code backpropagation-notebook.txt}), cell by cell up to In[28]:
 * each cell's computation in Java, its {@code assert}s, and what it prints, compared with
 * {@link Tensor#toString()} character for character. (In[11] only imports; In[31], the network,
 * is tested with {@code io.jgrad.nn}.)
 *
 * <p>The notebook's {@code Tensor(1., requires_grad=True)} is {@code Tensor.scalar(1).requiresGrad(true)},
 * {@code A ** 4} is {@code A.pow(4)}, {@code c @ A} is {@code c.matmul(A)}, {@code A[0, 1]} is
 * {@code A.get(0, 1)}, {@code a.zero_grad()} is {@code a.zeroGrad()}, and {@code np.linalg.norm(...) < 1e-6}
 * becomes an element-wise comparison within {@code 1e-6}.
 */
class NotebookTest {

    private static final double TOL = 1e-6;

    /** In[12]–In[14]: {@code d = (a + b) + a}, then {@code d.backward()}; every tensor holds its gradient. */
    @Test
    void cells12to14_gradientsOfEveryTensorInTheGraph() {
        Tensor a = Tensor.scalar(1.).requiresGrad(true);
        Tensor b = Tensor.scalar(2.).requiresGrad(true);

        Tensor c = a.add(b);
        Tensor d = c.add(a);

        d.backward();

        assertThat(d.grad()).hasToString("1.0");
        assertThat(c.grad()).hasToString("1.0");
        assertThat(b.grad()).hasToString("1.0");
        assertThat(a.grad()).hasToString("2.0");
    }

    /** In[15]: results record their operation ({@code Add}); leaves have none. */
    @Test
    void cell15_gradFnOfResultsAndLeaves() {
        Tensor a = Tensor.scalar(1.).requiresGrad(true);
        Tensor b = Tensor.scalar(2.).requiresGrad(true);

        Tensor c = a.add(b);
        Tensor d = c.add(a);

        assertThat(d.gradFn()).isNotNull();
        assertThat(d.gradFn().name()).isEqualTo("Add");
        assertThat(c.gradFn().name()).isEqualTo("Add");
        assertThat(b.gradFn()).isNull();
        assertThat(a.gradFn()).isNull();
        assertThat(d.isLeaf()).isFalse();
        assertThat(a.isLeaf()).isTrue();
        // requires_grad defaults to False at creation
        assertThat(Tensor.scalar(1.).requiresGrad()).isFalse();
    }

    /** In[16]: the graph is freed after the first backward, so a second one fails; the message names the fix. */
    @Test
    void cell16_secondBackwardFailsBecauseTheGraphWasFreed() {
        Tensor a = Tensor.scalar(1.).requiresGrad(true);
        Tensor b = Tensor.scalar(2.).requiresGrad(true);

        Tensor c = a.add(b);
        Tensor d = c.add(a);

        d.backward();
        assertThatThrownBy(d::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retainGraph");
    }

    /** In[17]: without resetting, the leaves' gradients accumulate over two passes. */
    @Test
    void cell17_gradientsAccumulateAcrossPasses() {
        Tensor a = Tensor.scalar(1.).requiresGrad(true);
        Tensor b = Tensor.scalar(2.).requiresGrad(true);

        Tensor c = a.add(b);
        Tensor d = c.add(a);

        d.backward();

        c = a.add(b);
        d = c.add(a);

        d.backward();

        assertThat(d.grad()).hasToString("1.0");
        assertThat(c.grad()).hasToString("1.0");
        assertThat(b.grad()).hasToString("2.0");
        assertThat(a.grad()).hasToString("4.0");
    }

    /** In[18]: {@code zeroGrad} on the leaves between passes gives the gradients of one pass. */
    @Test
    void cell18_zeroGradResetsBetweenPasses() {
        Tensor a = Tensor.scalar(1.).requiresGrad(true);
        Tensor b = Tensor.scalar(2.).requiresGrad(true);

        Tensor c = a.add(b);
        Tensor d = c.add(a);

        d.backward();
        a.zeroGrad();
        b.zeroGrad();

        c = a.add(b);
        d = c.add(a);

        d.backward();

        assertThat(d.grad()).hasToString("1.0");
        assertThat(c.grad()).hasToString("1.0");
        assertThat(b.grad()).hasToString("1.0");
        assertThat(a.grad()).hasToString("2.0");
    }

    /** In[19]: multiplication, {@code c.backward(2.)}. */
    @Test
    void cell19_multiplication() {
        Tensor a = Tensor.scalar(2.).requiresGrad(true);
        Tensor b = Tensor.scalar(3.).requiresGrad(true);

        Tensor c = a.mul(b);
        c.backward(2.);

        assertThat(a.grad()).hasToString("6.0");
        assertThat(b.grad()).hasToString("4.0");
        assertThat(c.grad()).hasToString("2.0");
        assertThat(Math.abs(a.grad().item() - 6.)).as("Multiplication doesn't work properly!").isLessThan(TOL);
        assertThat(Math.abs(b.grad().item() - 4.)).as("Multiplication doesn't work properly!").isLessThan(TOL);
    }

    /** In[20]: division of 2-element vectors, {@code c.backward(0.5)} seeds every element with 0.5. */
    @Test
    void cell20_division() {
        Tensor a = Tensor.of(1., 2.).requiresGrad(true);
        Tensor b = Tensor.of(3., 4.).requiresGrad(true);

        Tensor c = a.div(b);
        c.backward(0.5);

        assertThat(a.grad().toArray()).as("Division doesn't work properly!")
                .containsExactly(new double[] {1. / 6, 1. / 8}, within(TOL));
        assertThat(b.grad().toArray()).as("Division doesn't work properly!")
                .containsExactly(new double[] {-1. / 18, -1. / 16}, within(TOL));
    }

    /** In[21]: {@code A ** 4} with a matrix upstream gradient. */
    @Test
    void cell21_exponentiation() {
        Tensor aa = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);

        Tensor b = aa.pow(4);
        b.backward(Tensor.of(new double[][] {{-1., 0}, {1., 2.}}));

        assertThat(aa.grad().toArray()).as("Exponentiation doesn't work properly!")
                .containsExactly(new double[] {-4., 0., 108., 512.}, within(TOL));
        assertThat(aa.grad().shape()).isEqualTo(Shape.of(2, 2));
    }

    /** In[22]: {@code d = c @ A @ b}, a {@code (1, 1)} result, {@code d.backward(-1.5)}, printed as NumPy prints it. */
    @Test
    void cell22_matrixMultiplication() {
        Tensor aa = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);
        Tensor b = Tensor.of(new double[][] {{1.}, {2.}}).requiresGrad(true);
        Tensor c = Tensor.of(new double[][] {{3., 4.}}).requiresGrad(true);

        Tensor d = c.matmul(aa).matmul(b);
        d.backward(-1.5);

        assertThat(aa.grad()).hasToString("[[ -4.5  -9. ]\n [ -6.  -12. ]]");
        assertThat(c.grad()).hasToString("[[ -7.5 -16.5]]");
        assertThat(b.grad()).hasToString("[[-22.5]\n [-33. ]]");
        assertThat(d.grad()).hasToString("[[-1.5]]");
        assertThat(aa.grad().toArray()).as("Matrix multiplication doesn't work properly!")
                .containsExactly(new double[] {-4.5, -9., -6., -12.}, within(TOL));
        assertThat(b.grad().toArray()).containsExactly(new double[] {-22.5, -33.}, within(TOL));
        assertThat(c.grad().toArray()).containsExactly(new double[] {-7.5, -16.5}, within(TOL));
    }

    /** In[23]: ReLU passes the gradient where the input is positive. */
    @Test
    void cell23_relu() {
        Tensor aa = Tensor.of(new double[][] {{-1., -2.}, {0.5, 2.}, {1., 5.}}).requiresGrad(true);

        Tensor b = aa.relu();
        b.backward(Tensor.of(new double[][] {{4., 3.}, {2., 1.}, {0., -1.}}));

        assertThat(aa.grad().toArray()).as("ReLU doesn't work properly!")
                .containsExactly(new double[] {0., 0., 2., 1., 0., -1.}, within(TOL));
    }

    /** In[24]: the exponential, compared with {@code exp(A.data) * g}. */
    @Test
    void cell24_exponential() {
        Tensor aa = Tensor.of(new double[][] {{-1.}, {2.}}).requiresGrad(true);

        Tensor b = aa.exp();
        b.backward(Tensor.of(new double[][] {{-1.}, {2.}}));

        assertThat(aa.grad().toArray()).as("Exponential function doesn't work properly!")
                .containsExactly(new double[] {Math.exp(-1.) * -1., Math.exp(2.) * 2.}, within(TOL));
    }

    /** In[25]: the logarithm, including an input of {@code e^100}. */
    @Test
    void cell25_logarithm() {
        Tensor aa = Tensor.of(0.1, 1., 2., Math.exp(100.)).requiresGrad(true);

        Tensor b = aa.log();
        b.backward(1.5);

        assertThat(aa.grad().toArray()).as("Logarithm doesn't work properly!")
                .containsExactly(new double[] {15., 1.5, 0.75, 1.5 * Math.exp(-100.)}, within(TOL));
        assertThat(aa.grad().getDouble(3)).isCloseTo(1.5 * Math.exp(-100.), within(1e-50));
    }

    /** In[26]: {@code A.sum(dim=1).sum()}, {@code backward(2.5)}. */
    @Test
    void cell26_summation() {
        Tensor aa = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);

        Tensor b = aa.sum(1);
        b = b.sum();
        b.backward(2.5);

        assertThat(aa.grad().toArray()).as("Summation doesn't work properly!")
                .containsExactly(new double[] {2.5, 2.5, 2.5, 2.5}, within(TOL));
    }

    /** In[27]: the mean of a 2×2 matrix. */
    @Test
    void cell27_mean() {
        Tensor aa = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);

        Tensor b = aa.mean();
        b.backward();

        assertThat(aa.grad().toArray()).as("Mean doesn't work properly!")
                .containsExactly(new double[] {0.25, 0.25, 0.25, 0.25}, within(TOL));
    }

    /** In[28]: {@code A[0, 1]}, recorded as {@code Index}, {@code backward(5.)}. */
    @Test
    void cell28_indexing() {
        Tensor aa = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);

        Tensor b = aa.get(0, 1);
        b.backward(5.);

        assertThat(b.gradFn().name()).isEqualTo("Index");
        assertThat(aa.grad().toArray()).as("Indexing doesn't work properly!")
                .containsExactly(new double[] {0., 5., 0., 0.}, within(TOL));
    }
}
