/** x with L·Lᵀ·x = b, for the lower-triangular factor L from factorCholesky. */
export function solveWithCholesky(lower: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = lower.length;
  const y = new Array<number>(n).fill(0);
  // Forward then backward substitution: two triangular solves cost O(n²) and never form an inverse.
  for (let i = 0; i < n; i++) {
    const row = lower[i] as readonly number[];
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (row[k] as number) * (y[k] as number);
    y[i] = sum / (row[i] as number);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= ((lower[k] as readonly number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((lower[i] as readonly number[])[i] as number);
  }
  return x;
}
