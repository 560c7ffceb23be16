/**
 * jgrad: PyTorch-style tensors with automatic differentiation, layers, optimizers, data loading
 * and linear algebra, in pure Java.
 *
 * <p>Exported, the API user code compiles against: {@code io.jgrad} (tensors, autograd, dtypes),
 * {@code io.jgrad.nn}, {@code io.jgrad.optim}, {@code io.jgrad.data}, {@code io.jgrad.linalg},
 * and {@code io.jgrad.ndarray}, the untracked n-d array and its kernels. That last one is exported
 * because the API above names its types: {@code Tensor.array()} returns and {@code Tensor.wrap}
 * takes an {@code NDArray}, a {@code GradFn} subclass records {@code NDArray}s and an
 * {@code Optimizer} subclass keeps its state in them, and {@code Kernels} is where a host chooses
 * threads per call ({@code Kernels.singleThreaded()}, which {@code io.jgrad:jgrad-spark} uses) and
 * reads which kernels run. It is the lower layer, for extensions; its classes may change between
 * minor versions more freely than the packages above.
 *
 * <p>Not exported: {@code io.jgrad.ops}, one class per operation. User code reaches the
 * operations through {@code Tensor}, {@code nn.Functional} and the layers; the packages of this
 * module call {@code io.jgrad.ops} freely (exports only govern other modules).
 *
 * <p>The SIMD kernels use the incubating module {@code jdk.incubator.vector} when the JVM has it
 * ({@code --add-modules jdk.incubator.vector}). It is not required here, not even as
 * {@code requires static}: an incubator module in a descriptor makes every compile against this
 * module warn. The kernels find it in the boot layer at run time and add the read edge themselves
 * ({@code Module.addReads}), so they work on the module path and the class path alike.
 *
 * <p>EJML publishes no module names: {@code ejml.core} and {@code ejml.ddense} are the names
 * derived from its jar files, the names it has on every module path where its jars keep their
 * Maven file names.
 */
module io.jgrad {
    requires ejml.core;
    requires ejml.ddense;

    exports io.jgrad;
    exports io.jgrad.data;
    exports io.jgrad.linalg;
    exports io.jgrad.ndarray;
    exports io.jgrad.nn;
    exports io.jgrad.optim;
}
