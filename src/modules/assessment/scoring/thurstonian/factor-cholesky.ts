/** Lower-triangular L with L·Lᵀ = matrix, or null when the matrix is not symmetric positive definite. */
export function factorCholesky(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const rowI = lower[i] as number[];
    for (let j = 0; j <= i; j++) {
      const rowJ = lower[j] as number[];
      let sum = matrix[i]?.[j] ?? Number.NaN;
      for (let k = 0; k < j; k++) sum -= (rowI[k] as number) * (rowJ[k] as number);
      if (i === j) {
        // A pivot that is not clearly positive means the matrix is singular or indefinite: scores built on
        // it would be arbitrary, so callers must refuse it rather than carry on with a damaged factor.
        if (!(sum > 1e-12)) return null;
        rowI[i] = Math.sqrt(sum);
      } else {
        rowI[j] = sum / (rowJ[j] as number);
      }
    }
  }
  return lower;
}
