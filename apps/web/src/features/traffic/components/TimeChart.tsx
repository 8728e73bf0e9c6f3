// A small time-series chart drawn by uPlot (a canvas; ~20 KB gzip, in the lazily loaded traffic
// chunk only): one series over the window, its latest value and maximum in the caption.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TimeChartProps {
  title: string;
  unit: string;
  /** Slot starts, ms since the epoch. */
  times: number[];
  values: (number | null)[];
}

const HEIGHT = 90;

function options(title: string, unit: string, width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { y: false, points: { show: false } },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    axes: [
      { size: 24, font: '11px system-ui', ticks: { show: false }, grid: { show: false } },
      { size: 36, font: '11px system-ui', grid: { stroke: '#e6e8ec' }, values: (_u, splits) => splits.map((v) => `${Math.round(v * 10) / 10}`) },
    ],
    series: [{}, { label: `${title} (${unit})`, stroke: '#2457c5', width: 1.5, fill: 'rgba(36,87,197,0.08)', spanGaps: false }],
  };
}

export function TimeChart({ title, unit, times, values }: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const data: uPlot.AlignedData = [times.map((t) => t / 1000), values];
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const chart = new uPlot(options(title, unit, Math.max(160, el.clientWidth)), latest.current, el);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(160, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = undefined;
    };
  }, [title, unit]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  const seen = values.filter((v): v is number => v !== null);
  const last = seen.at(-1);
  const max = seen.length > 0 ? Math.max(...seen) : undefined;
  const round = (x: number) => Math.round(x * 10) / 10;
  return (
    <figure className="sparkline" aria-label={`${title} chart`}>
      <figcaption>
        {title}: <strong>{last === undefined ? '—' : `${round(last)} ${unit}`}</strong>{' '}
        <span className="muted">(max {max === undefined ? '—' : round(max)})</span>
      </figcaption>
      <div ref={host} className="time-chart" role="img" aria-label={`${title} over the window, latest ${last === undefined ? 'none' : `${round(last)} ${unit}`}`} />
    </figure>
  );
}
