package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Shape}: an immutable value that prints as a Python tuple. */
class ShapeTest {

    @Test
    void toStringIsAPythonTuple() {
        assertThat(Shape.of(2, 3)).hasToString("(2, 3)");
        assertThat(Shape.of(3)).hasToString("(3,)");
        assertThat(Shape.of()).hasToString("()");
        assertThat(Shape.of(1, 0, 4)).hasToString("(1, 0, 4)");
    }

    @Test
    void rankGetAndNumel() {
        Shape s = Shape.of(2, 3, 4);

        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.get(0)).isEqualTo(2);
        assertThat(s.get(2)).isEqualTo(4);
        assertThat(s.get(-1)).isEqualTo(4);
        assertThat(s.get(-3)).isEqualTo(2);
        assertThat(s.numel()).isEqualTo(24);
        assertThat(Shape.of().rank()).isZero();
        assertThat(Shape.of().numel()).isEqualTo(1);
        assertThat(Shape.of(2, 0).numel()).isZero();
    }

    @Test
    void equalsAndHashCodeByValue() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
        assertThat(Shape.of(6)).isNotEqualTo(Shape.of(6, 1));
        assertThat(Shape.of()).isEqualTo(Shape.of(new int[0]));
        assertThat(Shape.of(2, 3)).isNotEqualTo("(2, 3)");
    }

    @Test
    void isImmutable() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        int[] out = s.toArray();
        out[1] = 9;

        assertThat(s.toArray()).containsExactly(2, 3);
        assertThat(s).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void rejectsNegativeSizes() {
        assertThatThrownBy(() -> Shape.of(2, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Shape.of:")
                .hasMessageContaining("(2, -3)");
    }

    @Test
    void rejectsMoreThanIntegerMaxValueElements() {
        assertThatThrownBy(() -> Shape.of(1 << 16, 1 << 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(65536, 65536)");
    }

    @Test
    void getOutOfRangeIsAnIndexError() {
        assertThatThrownBy(() -> Shape.of(2, 3).get(2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Shape.of().get(0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("()");
    }

    @Test
    void normalizeDimCountsNegativeDimsFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);

        assertThat(s.normalizeDim("op", -1)).isEqualTo(2);
        assertThat(s.normalizeDim("op", 0)).isEqualTo(0);
        assertThatThrownBy(() -> s.normalizeDim("softmax", 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageStartingWith("softmax:")
                .hasMessageContaining("(2, 3, 4)");
    }
}
