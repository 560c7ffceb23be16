package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void readsValuesWithDefaults() {
        Args a = Args.parse(new String[] {"--epochs", "5", "--out=/tmp/x", "--lr", "0.5"});
        assertThat(a.intValue("epochs", 30)).isEqualTo(5);
        assertThat(a.longValue("seed", 7)).isEqualTo(7);
        assertThat(a.pathValue("out", Path.of("out"))).isEqualTo(Path.of("/tmp/x"));
        assertThat(a.doubleValue("lr", 0.1)).isEqualTo(0.5);
        a.checkAllRead();
        Args uri = Args.parse(new String[] {"--data", "hdfs:///datasets/fashion-mnist"});
        assertThat(uri.stringValue("data", "x")).isEqualTo("hdfs:///datasets/fashion-mnist"); // a Path would drop a slash
        assertThat(uri.stringValue("master", "local[2]")).isEqualTo("local[2]");
    }

    @Test
    void faultsAreNamed() {
        assertThatThrownBy(() -> Args.parse(new String[] {"epochs", "5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'epochs'");
        assertThatThrownBy(() -> Args.parse(new String[] {"--epochs"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--epochs needs a value");
        assertThatThrownBy(() -> Args.parse(new String[] {"--seed", "1", "--seed", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Args.parse(new String[] {"--epochs", "many"}).intValue("epochs", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'many'");
        Args unknown = Args.parse(new String[] {"--epochs", "3", "--epoch", "4"});
        unknown.intValue("epochs", 1);
        assertThatThrownBy(unknown::checkAllRead)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --epoch");
    }
}
