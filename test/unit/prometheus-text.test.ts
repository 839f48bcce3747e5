// The checker the /metrics tests rely on must itself refuse what Prometheus would refuse.
import { describe, expect, it } from 'vitest';
import { Counter, Histogram, Registry } from 'prom-client';
import { parsePrometheusText, valueOf } from '../support/prometheus-text.ts';

describe('parsePrometheusText', () => {
  it("reads prom-client's own output, escapes and histograms included", async () => {
    const registry = new Registry();
    const c = new Counter({ name: 'x_total', help: 'a "quoted" \\ help', labelNames: ['a'], registers: [registry] });
    const h = new Histogram({ name: 'y_seconds', help: 'h', labelNames: ['k'], buckets: [1, 2], registers: [registry] });
    c.inc({ a: 'say "hi"\\n' }, 2);
    c.inc({ a: 'line\nbreak' });
    h.observe({ k: 'v' }, 1.5);
    const families = parsePrometheusText(await registry.metrics());
    expect(families.get('x_total')!.type).toBe('counter');
    expect(valueOf(families, 'x_total', { a: 'say "hi"\\n' })).toBe(2);
    expect(valueOf(families, 'x_total', { a: 'line\nbreak' })).toBe(1);
    expect(valueOf(families, 'x_total')).toBe(3);
    expect(valueOf(families, 'y_seconds_bucket', { k: 'v', le: '1' })).toBe(0);
    expect(valueOf(families, 'y_seconds_bucket', { k: 'v', le: '+Inf' })).toBe(1);
    expect(valueOf(families, 'y_seconds_count', { k: 'v' })).toBe(1);
  });

  it.each([
    ['a value that is not a number', '# TYPE a counter\na 1x\n'],
    ['an unquoted label value', '# TYPE a counter\na{b=c} 1\n'],
    ['a bad escape', '# TYPE a counter\na{b="\\t"} 1\n'],
    ['an unterminated label set', '# TYPE a counter\na{b="c" 1\n'],
    ['a bad metric name', '# TYPE 1a counter\n1a 1\n'],
    ['a family in two blocks', '# TYPE a counter\na 1\n# TYPE b gauge\nb 1\na{x="y"} 2\n'],
    ['a TYPE after samples', 'a 1\n# TYPE a counter\n'],
    ['an unknown type', '# TYPE a meter\na 1\n'],
    ['a duplicate series', '# TYPE a counter\na{b="c"} 1\na{b="c"} 2\n'],
    ['a bucket without le', '# TYPE h histogram\nh_bucket{x="1"} 1\nh_count 1\n'],
    ['a +Inf bucket that is not the count', '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n'],
    ['no final line feed', '# TYPE a counter\na 1'],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
