package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The character vocabulary and the language-model batches, as nanoGPT's data preparation. */
class TextDataTest {

    @Test
    void vocabularyNumbersTheSortedDistinctCharacters() {
        CharVocabulary v = CharVocabulary.of("hello\nworld");
        assertThat(v.chars()).isEqualTo("\ndehlorw");
        assertThat(v.size()).isEqualTo(8);
        Tensor ids = v.encode("hello");
        assertThat(ids.dtype()).isEqualTo(DType.INT64);
        assertThat(ids.toLongArray()).containsExactly(3, 2, 4, 4, 5);
        assertThat(v.decode(ids)).isEqualTo("hello");
        assertThat(v.decode(v.encode("world\n"))).isEqualTo("world\n");
        assertThat(CharVocabulary.of("a😀b").size()).as("code points, not UTF-16 units").isEqualTo(3);
        assertThat(CharVocabulary.of("a😀b").decode(CharVocabulary.of("a😀b").encode("😀a"))).isEqualTo("😀a");
        assertThatThrownBy(() -> v.encode("hi!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'i'").hasMessageContaining("8 characters");
        assertThatThrownBy(() -> v.decode(Tensor.fromArray(new long[] {8}, 1)))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("id 8");
        assertThatThrownBy(() -> CharVocabulary.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowsAreNanoGptsBatches() {
        Tensor tokens = Tensor.arange(DType.INT64, 20);
        TokenWindows w = new TokenWindows(tokens, 4);
        assertThat(w.windows()).isEqualTo(16);
        Batch b = w.at(new int[] {0, 5, 15});
        assertThat(b.x().shape().toArray()).containsExactly(3, 4);
        assertThat(b.x().dtype()).isEqualTo(DType.INT64);
        assertThat(b.x().toLongArray()).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 15, 16, 17, 18);
        assertThat(b.y().toLongArray()).containsExactly(1, 2, 3, 4, 6, 7, 8, 9, 16, 17, 18, 19);

        Random r1 = new Random(3);
        Random r2 = new Random(3);
        Batch s = w.sample(5, r1);
        for (int i = 0; i < 5; i++) {
            long start = r2.nextInt(16);
            for (int t = 0; t < 4; t++) {
                assertThat(s.x().getLong(i, t)).isEqualTo(start + t);
                assertThat(s.y().getLong(i, t)).isEqualTo(start + t + 1);
            }
        }
        assertThatThrownBy(() -> w.at(new int[] {16})).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new TokenWindows(tokens, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20 tokens");
        assertThatThrownBy(() -> new TokenWindows(Tensor.arange(20), 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float64");
    }
}
