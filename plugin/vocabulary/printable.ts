/**
 * Text from a user's file (a go.mod line, an import path, a dir name) as a
 * message may quote it: every C0 control, DEL and C1 control shown as \xNN,
 * so a corrupt file cannot send escape sequences to the terminal or split
 * one message line into two, and a very long value cut to its start.
 */
export const PRINTABLE_MAX = 200;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(s: string, max = PRINTABLE_MAX): string {
  const chars = Array.from(s);
  const kept = chars.length > max ? chars.slice(0, max).join('') : s;
  const shown = kept.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return chars.length > max ? `${shown}… (${chars.length - max} more)` : shown;
}
