package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

    @TempDir
    Path dir;

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Plot.niceStep(0.13)).isEqualTo(0.2);
        assertThat(Plot.niceStep(3)).isEqualTo(5);
        assertThat(Plot.niceStep(7)).isEqualTo(10);
        assertThat(Plot.niceStep(1)).isEqualTo(1);
        assertThat(Plot.niceStep(0)).isEqualTo(1);
    }

    @Test
    void historyPngHasBothPanelsAndTheCurves() throws IOException {
        History h = new History();
        for (int e = 0; e < 12; e++) {
            h.add(2.0 / (e + 1), 0.5 + 0.04 * e, 2.2 / (e + 1), 0.45 + 0.04 * e);
        }
        Path file = dir.resolve("sub/curves.png");
        h.writePng(file, "title", "subtitle");
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(480);
        // both series' colours appear in both panels
        assertThat(count(img, 0, 600, Plot.BLUE)).isGreaterThan(100);
        assertThat(count(img, 0, 600, Plot.ORANGE)).isGreaterThan(100);
        assertThat(count(img, 600, 1200, Plot.BLUE)).isGreaterThan(100);
        assertThat(count(img, 600, 1200, Plot.ORANGE)).isGreaterThan(100);
    }

    @Test
    void aSingleEpochStillDraws() throws IOException {
        History h = new History();
        h.add(0.5, 0.9, 0.6, 0.88);
        Path file = dir.resolve("one.png");
        h.writePng(file, "one epoch", "");
        assertThat(count(ImageIO.read(file.toFile()), 600, 1200, Plot.ORANGE)).isGreaterThan(10);
    }

    private static int count(BufferedImage img, int x0, int x1, Color c) {
        int n = 0;
        for (int x = x0; x < x1; x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }
}
