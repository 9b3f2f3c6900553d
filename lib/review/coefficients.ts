/**
 * The agreement coefficients, from pooled counts (definitions in agreement.ts). A confusion matrix is a
 * flat k × k array: row = annotator a's category, column = annotator b's.
 *
 * The undefined cases are detected on the counts (one category holding every token) rather than by
 * comparing a computed pe with 1, so that rounding cannot turn "undefined" into a huge or NaN figure.
 */

function margins(confusion: Float64Array, k: number): { total: number; diagonal: number; rows: Float64Array; columns: Float64Array } {
  const rows = new Float64Array(k);
  const columns = new Float64Array(k);
  let total = 0;
  let diagonal = 0;
  for (let row = 0; row < k; row++) {
    for (let column = 0; column < k; column++) {
      const count = confusion[row * k + column]!;
      rows[row]! += count;
      columns[column]! += count;
      total += count;
      if (row === column) diagonal += count;
    }
  }
  return { total, diagonal, rows, columns };
}

/** Cohen's kappa = (po − pe) / (1 − pe); null when pe = 1 (both gave one and the same category) or no items. */
export function cohenKappa(confusion: Float64Array, k: number): number | null {
  const { total, diagonal, rows, columns } = margins(confusion, k);
  if (total === 0) return null;
  let expected = 0;
  for (let category = 0; category < k; category++) {
    // pe = 1 exactly when both annotators put every item in this one category.
    if (rows[category] === total && columns[category] === total) return null;
    expected += (rows[category]! / total) * (columns[category]! / total);
  }
  const observed = diagonal / total;
  return (observed - expected) / (1 - expected);
}

/**
 * Krippendorff's alpha, nominal, two coders, every item a unit with both values. The coincidence matrix is
 * the confusion matrix plus its transpose, so Σ_{c≠k} o_ck = 2 × (items − agreements) and
 * n_c = rows_c + columns_c. Null when Σ_{c≠k} n_c·n_k = 0 (one category throughout, or no items).
 */
export function krippendorffAlpha(confusion: Float64Array, k: number): number | null {
  const { total, diagonal, rows, columns } = margins(confusion, k);
  const n = 2 * total;
  let sameCategoryPairs = 0;
  for (let category = 0; category < k; category++) {
    const values = rows[category]! + columns[category]!;
    if (values === n) return null;
    sameCategoryPairs += values * values;
  }
  if (n === 0) return null;
  const disagreeing = 2 * (total - diagonal);
  const expected = n * n - sameCategoryPairs;
  return 1 - ((n - 1) * disagreeing) / expected;
}

/** 2 · matches / (|A| + |B|); null when neither side has a span. */
export function spanF1(matches: number, sizes: number): number | null {
  return sizes === 0 ? null : (2 * matches) / sizes;
}
