/** At most three lines for a list of problems: every command prints them, so they must stay short. */

/** Control characters from file names or file contents never reach the terminal as they are. */
export const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function summarize(lines: readonly string[], what: string, hint?: string): string[] {
  const unique = [...new Set(lines)].map(printable);
  if (unique.length <= 3) return unique;
  return [unique[0], unique[1], `… and ${unique.length - 2} more ${what}${hint ? `; ${hint}` : ''}.`];
}
