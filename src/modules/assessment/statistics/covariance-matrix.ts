/**
 * Sample covariances (denominator n − 1) between the columns of complete rows. Reliability needs one
 * matrix computed from one set of people, so rows must already be complete (see analyse-items.ts).
 */

/** The sample covariance matrix of the columns of complete rows (n − 1 in the denominator). */
export function covarianceMatrix(rows: readonly (readonly number[])[]): number[][] {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n < 2) throw new RangeError(`a covariance needs at least 2 rows, got ${n}`);
  const means = new Array<number>(k).fill(0);
  // Sum first, divide once: a constant column then has its value as the exact mean and variance 0.
  for (const row of rows) for (let j = 0; j < k; j++) means[j] = (means[j] as number) + (row[j] as number);
  for (let j = 0; j < k; j++) means[j] = (means[j] as number) / n;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of rows) {
    for (let i = 0; i < k; i++) {
      const di = (row[i] as number) - (means[i] as number);
      const line = matrix[i] as number[];
      for (let j = i; j < k; j++) line[j] = (line[j] as number) + di * ((row[j] as number) - (means[j] as number));
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const value = ((matrix[i] as number[])[j] as number) / (n - 1);
      (matrix[i] as number[])[j] = value;
      (matrix[j] as number[])[i] = value;
    }
  }
  return matrix;
}
