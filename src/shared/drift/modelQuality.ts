/**
 * Model quality on one side, as scikit-learn computes it: accuracy, macro F1 and ROC AUC (binary:
 * the positive class's score; more classes: one-vs-rest, macro-averaged) for a classifier; RMSE and
 * MAE for a regressor. Labels are class indices (0..k-1) as the model's scores are ordered.
 */

export interface ClassificationMetrics {
  accuracy: number;
  f1: number;
  /** Null when a class is missing from the labels, so its AUC is undefined (scikit-learn raises). */
  rocAuc: number | null;
}

export function classificationMetrics(
  labels: Int32Array,
  predicted: Int32Array,
  scores: Float64Array[],
): ClassificationMetrics {
  const n = labels.length;
  let correct = 0;
  for (let i = 0; i < n; i++) if (labels[i] === predicted[i]) correct++;
  const classes = scores.length;
  const present = [...new Set([...labels, ...predicted])].sort((a, b) => a - b);
  // Binary classification scores F1 of the positive class (scikit-learn's average='binary' on 0/1);
  // more classes average F1 over the labels that occur (average='macro').
  const f1Classes = classes === 2 ? [1] : present;
  const f1 =
    f1Classes.reduce((sum, c) => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (let i = 0; i < n; i++) {
        if (predicted[i] === c && labels[i] === c) tp++;
        else if (predicted[i] === c) fp++;
        else if (labels[i] === c) fn++;
      }
      return sum + (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
    }, 0) / f1Classes.length;
  return { accuracy: n === 0 ? 0 : correct / n, f1, rocAuc: rocAuc(labels, scores) };
}

function rocAuc(labels: Int32Array, scores: Float64Array[]): number | null {
  if (scores.length === 2) return binaryAuc(labels, scores[1] as Float64Array, 1);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const auc = binaryAuc(labels, scores[c] as Float64Array, c);
    if (auc === null) return null;
    sum += auc;
  }
  return scores.length === 0 ? null : sum / scores.length;
}

/** The Mann-Whitney form of the AUC of `positive` against the rest, ties ranked by their average. */
function binaryAuc(labels: Int32Array, score: Float64Array, positive: number): number | null {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (score[a] as number) - (score[b] as number),
  );
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && score[order[j] as number] === score[order[i] as number]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (labels[order[k] as number] === positive) {
        positives++;
        rankSum += rank;
      }
    i = j;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function regressionMetrics(
  labels: Float64Array,
  predicted: Float64Array,
): { rmse: number; mae: number } {
  let squares = 0;
  let absolute = 0;
  for (let i = 0; i < labels.length; i++) {
    const error = (predicted[i] as number) - (labels[i] as number);
    squares += error * error;
    absolute += Math.abs(error);
  }
  const n = Math.max(1, labels.length);
  return { rmse: Math.sqrt(squares / n), mae: absolute / n };
}
