/** At most three lines for a list of problems: every command prints them, so they must stay short. */
import { printable } from './vocabulary/printable';

export function summarize(lines: readonly string[], what: string, hint?: string): string[] {
  const unique = [...new Set(lines)].map((l) => printable(l, Infinity));
  if (unique.length <= 3) return unique;
  return [unique[0], unique[1], `… and ${unique.length - 2} more ${what}${hint ? `; ${hint}` : ''}.`];
}
