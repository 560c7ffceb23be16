/**
 * Data loading, after {@code torch.utils.data}: a {@link io.jgrad.data.Dataset} is anything with a
 * size and indexed samples; {@link io.jgrad.data.TensorDataset} holds features and targets as
 * tensors; {@link io.jgrad.data.Subset} and {@link io.jgrad.data.Datasets#randomSplit} make seeded
 * train/test splits; a {@link io.jgrad.data.DataLoader} yields {@link io.jgrad.data.Batch}es,
 * shuffled by a caller's {@link java.util.Random}, so that a run is repeatable from its seed.
 *
 * <p>Readers: {@link io.jgrad.data.Csv} (numeric CSV, optional header, a label column) and
 * {@link io.jgrad.data.Idx} (the IDX format of MNIST and Fashion-MNIST). Both read plain or gzipped
 * files, told apart by the gzip magic number, and report a malformed file with a
 * {@link io.jgrad.data.MalformedDataException} that names the file (and, for CSV, the line).
 *
 * <pre>{@code
 * TensorDataset digits = Csv.readLabeled(Path.of("digits.csv.gz"), false, -1);
 * Datasets.Split<Sample> split = Datasets.trainTestSplit(digits, 0.2, new Random(0));
 * DataLoader loader = new DataLoader(split.train(), 32).shuffle(new Random(1));
 * for (Batch batch : loader) {
 *     Tensor loss = lossFn.forward(model.forward(batch.x()), batch.labels());
 *     ...
 * }
 * }</pre>
 */
package io.jgrad.data;
