/**
 * Runnable examples, outside the library jar (they are compiled and tested with the tests, and run
 * with {@code mvn -q test-compile exec:java@NAME}):
 * {@link io.jgrad.examples.Digits} (the main one: an MLP on the bundled handwritten digits, with a
 * progress bar, a saved model and a PNG of its curves), {@link io.jgrad.examples.FashionMnist},
 * {@link io.jgrad.examples.Notebook} (the backpropagation notebook, cell by cell),
 * {@link io.jgrad.examples.Xor}, {@link io.jgrad.examples.Spirals}, {@link io.jgrad.examples.Moons}
 * (micrograd's scalar MLP) and {@link io.jgrad.examples.GaussianProcess} (a Gaussian process fitting its
 * kernel by the marginal likelihood, through {@code io.jgrad.linalg}).
 *
 * <p>The pieces they share are small package-private classes here: {@code Args} (the command
 * line), {@code Progress} (the progress bar), {@code Metrics} (accuracy), {@code History},
 * {@code Plot} and {@code Curves} (the PNG of the training curves).
 */
package io.jgrad.examples;
