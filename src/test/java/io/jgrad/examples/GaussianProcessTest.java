package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    /**
     * The default run against PyTorch's run of the same optimisation on the same data, printed by
     * {@code src/test/python/gp_reference.py} (torch 2.13.0+cpu): the log likelihood and its gradient at
     * the start (one pass through Cholesky and solve), and where 200 Adam steps end.
     */
    @Test
    void fitsTheHyperparametersAsPyTorchDoes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GaussianProcess.Result r = GaussianProcess.run(40, 200, 0.05, 0, new PrintStream(out, true));

        assertThat(r.initialLogLikelihood()).isCloseTo(-29.301621492716308, within(1e-9));
        assertThat(r.initialGradient()[0]).isCloseTo(6.655506262602452, within(1e-9));
        assertThat(r.initialGradient()[1]).isCloseTo(3.0035792523328695, within(1e-9));
        assertThat(r.initialGradient()[2]).isCloseTo(-21.90346069259494, within(1e-9));
        assertThat(r.lengthscale()).isCloseTo(0.8516979814342819, within(1e-7));
        assertThat(r.signalStd()).isCloseTo(0.844937269457124, within(1e-7));
        assertThat(r.noiseStd()).isCloseTo(0.11166917541717779, within(1e-7));
        assertThat(r.logLikelihood()).isCloseTo(5.5011244484253154, within(1e-8));
        // the noise it finds is the noise the data were made with
        assertThat(r.noiseStd()).isCloseTo(GaussianProcess.NOISE, within(0.02));
        assertThat(out.toString())
                .contains("fitted hyperparameters: lengthscale 0.8517  signal std 0.8449  noise std 0.1117")
                .contains("log marginal likelihood: 5.5011 (at the start: -29.3016)")
                .contains("posterior mean ± 2 std");
    }

    @Test
    void aBriefRunPrintsItsProgressAndRaisesTheLikelihood() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GaussianProcess.Result r = GaussianProcess.run(15, 20, 0.05, 4, new PrintStream(out, true));

        assertThat(r.logLikelihood()).isGreaterThan(r.initialLogLikelihood());
        assertThat(out.toString()).contains("step    0  log marginal likelihood").contains("step   20")
                .contains("fitted hyperparameters: lengthscale ").contains("log marginal likelihood: ");
    }
}
