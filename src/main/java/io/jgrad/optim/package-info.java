/**
 * Optimizers that update a model's parameters from their gradients, by PyTorch's rules:
 * {@link io.jgrad.optim.SGD} (momentum, dampening, Nesterov, weight decay), {@link io.jgrad.optim.Adam}
 * (L2 weight decay) and {@link io.jgrad.optim.AdamW} (decoupled weight decay), on the common base
 * {@link io.jgrad.optim.Optimizer}. Each class documents its update rule as pseudo-code. Updates
 * write the parameters' arrays in place and record no graph.
 */
package io.jgrad.optim;
