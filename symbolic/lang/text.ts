/**
 * Text-level helpers of the claim-file language: bars ↔ abs (mathjs has no `|a|`), and the
 * split of `a REL b` at a relation outside parentheses.
 */

/** Whether `text` names `name` as a whole identifier (not inside a longer name: a in a1, x in ax). */
export function mentionsIdentifier(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, '\\$&')}($|[^A-Za-z0-9_])`).test(text);
}

/** Relation operators, longest first. `==` reads as `=`. */
export const RELATION_OPS = ['<=', '>=', '!=', '==', '<', '>', '='] as const;

/** Split `a REL b` at the first relation operator outside brackets, if any. */
export function splitRelation(text: string): { lhs: string; rel: string; rhs: string; column: number } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0) {
      for (const rel of RELATION_OPS) {
        if (text.startsWith(rel, i)) return { lhs: text.slice(0, i), rel, rhs: text.slice(i + rel.length), column: i + 1 };
      }
    }
  }
  return undefined;
}

/** `|a|` → `abs(a)`; a bar opens after the start, an operator, `(` or `,`, and closes otherwise. */
export function barsToAbs(text: string): string {
  let out = '';
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '|') {
      out += ch;
      continue;
    }
    const prev = out.trimEnd().slice(-1);
    if (open > 0 && !(prev === '' || '+-*/^(,'.includes(prev))) {
      out += ')';
      open--;
    } else {
      out += 'abs(';
      open++;
    }
  }
  return out;
}

/** `abs(a)` → `|a|`, the claim-file spelling. */
export function absToBars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('abs(', i) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      let depth = 1;
      let j = i + 4;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')') depth--;
      }
      out += `|${absToBars(text.slice(i + 4, j - 1))}|`;
      i = j - 1;
    } else out += text[i];
  }
  return out;
}
