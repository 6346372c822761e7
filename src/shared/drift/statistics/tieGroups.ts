/** For each distinct value of the two sorted samples together, in order: how many of it each side has. */
export interface TieGroups {
  reference: Uint32Array;
  current: Uint32Array;
}

export function tieGroups(reference: Float64Array, current: Float64Array): TieGroups {
  const n1 = reference.length;
  const n2 = current.length;
  const referenceCounts = new Uint32Array(n1 + n2);
  const currentCounts = new Uint32Array(n1 + n2);
  let i = 0;
  let j = 0;
  let groups = 0;
  while (i < n1 || j < n2) {
    const a = i < n1 ? reference[i]! : Infinity;
    const b = j < n2 ? current[j]! : Infinity;
    const value = a < b ? a : b;
    const startI = i;
    const startJ = j;
    while (i < n1 && reference[i] === value) i++;
    while (j < n2 && current[j] === value) j++;
    referenceCounts[groups] = i - startI;
    currentCounts[groups] = j - startJ;
    groups++;
  }
  return { reference: referenceCounts.subarray(0, groups), current: currentCounts.subarray(0, groups) };
}
