/**
 * jgrad's public core: {@link io.jgrad.Tensor} (n-d float64 tensors that record the operations
 * applied to them), {@link io.jgrad.Shape}, {@link io.jgrad.GradFn} (the node an operation records),
 * {@link io.jgrad.GradMode} (per-thread recording on/off) and {@link io.jgrad.Autograd}
 * (gradients as values). The backward pass itself, {@code Engine}, is package-private.
 *
 * <p>Layers, from the bottom: {@code io.jgrad.ndarray} (untracked arrays and kernels, the only code
 * that touches EJML), {@code io.jgrad.ops} (one class per operation, forward and backward side by
 * side), this package ({@code Tensor} as a facade of one-line methods, and the engine), then
 * {@code io.jgrad.nn}, {@code io.jgrad.optim} and {@code io.jgrad.data}.
 */
package io.jgrad;
