/**
 * Neural-network building blocks on top of {@link io.jgrad.Tensor}, with PyTorch's names and
 * semantics: {@link io.jgrad.nn.Layer} (PyTorch's {@code nn.Module}: named parameters and children,
 * train/eval modes, state dicts), the layers {@link io.jgrad.nn.Linear},
 * {@link io.jgrad.nn.LinearLayer} (the notebook's column layout), {@link io.jgrad.nn.ReLU},
 * {@link io.jgrad.nn.Tanh}, {@link io.jgrad.nn.Sigmoid}, {@link io.jgrad.nn.Dropout}, the containers
 * {@link io.jgrad.nn.Sequential} and {@link io.jgrad.nn.Network} (the notebook's), the losses
 * {@link io.jgrad.nn.CrossEntropyLoss} and {@link io.jgrad.nn.MSELoss}, and weights on disk in the
 * safetensors format ({@link io.jgrad.nn.SafeTensors}). {@link io.jgrad.nn.Functional} holds the
 * stateless functions (PyTorch's {@code torch.nn.functional}): convolution, pooling, padding, layer
 * and batch normalisation, embeddings, dropout, attention and the losses. {@code docs/nn.md} is the
 * guide; {@code docs/ops.md} gives the formulas.
 */
package io.jgrad.nn;
