/** Text of a service's answer for a log line, bounded so that an odd body cannot flood the log. */
export function clipForLog(raw: unknown, max = 2_000): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
