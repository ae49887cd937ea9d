/**
 * Small charts drawn as inline SVG. Each SVG is an image whose accessible name gives every number,
 * and each chart also has a visually hidden table of the same data for screen-reader users who
 * prefer to move cell by cell.
 */
import { useId } from 'react';
import './charts.css';

export interface ChartDatum {
  key: string;
  label: string;
  value: number;
  /** Fill; must contrast at least 3:1 with white. */
  color: string;
}

function describeData(title: string, data: readonly ChartDatum[]): string {
  return `${title}: ${data.map((datum) => `${datum.label}, ${String(datum.value)}`).join('; ')}.`;
}

/** A step of 1, 2 or 5 × 10ⁿ giving at most five gridlines above zero. */
function niceStep(max: number): number {
  if (max <= 5) return 1;
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough);
  return step ?? 10 * magnitude;
}

function DataTable({ caption, data, unit }: { caption: string; data: readonly ChartDatum[]; unit: string }) {
  return (
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">{unit}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((datum) => (
            <tr key={datum.key}>
              <th scope="row">{datum.label}</th>
              <td>{datum.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const WIDTH = 520;
const HEIGHT = 280;
const MARGIN = { top: 28, right: 12, bottom: 44, left: 40 };

export function BarChart({
  title,
  data,
  unit,
}: {
  title: string;
  data: readonly ChartDatum[];
  unit: string;
}) {
  const max = Math.max(0, ...data.map((datum) => datum.value));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: top / step + 1 }, (_, index) => index * step);

  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotWidth / Math.max(1, data.length);
  const barWidth = Math.min(72, slot * 0.56);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`}
        role="img"
        aria-label={describeData(title, data)}
        data-testid="bar-chart"
      >
        {ticks.map((tick) => (
          <g key={tick} className="chart__tick">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 10} y={y(tick)} dy="0.32em" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {data.map((datum, index) => {
          const x = MARGIN.left + slot * index + (slot - barWidth) / 2;
          const height = Math.max(0, y(0) - y(datum.value));
          return (
            <g key={datum.key}>
              <rect
                className="chart__bar"
                x={x}
                y={y(datum.value)}
                width={barWidth}
                height={height}
                rx={Math.min(6, height / 2)}
                fill={datum.color}
              />
              <text className="chart__value" x={x + barWidth / 2} y={y(datum.value) - 8} textAnchor="middle">
                {datum.value}
              </text>
              <text
                className="chart__label"
                x={x + barWidth / 2}
                y={HEIGHT - MARGIN.bottom + 22}
                textAnchor="middle"
              >
                {datum.label}
              </text>
            </g>
          );
        })}
        <line className="chart__axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} />
      </svg>
      <DataTable caption={title} data={data} unit={unit} />
    </figure>
  );
}

const RADIUS = 70;
const STROKE = 26;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export function DonutChart({
  title,
  data,
  unit,
  centerLabel,
}: {
  title: string;
  data: readonly ChartDatum[];
  unit: string;
  centerLabel: string;
}) {
  const legendId = useId();
  const total = data.reduce((sum, datum) => sum + datum.value, 0);
  let offset = 0;
  const segments = data
    .filter((datum) => datum.value > 0)
    .map((datum) => {
      const length = (datum.value / total) * CIRCUMFERENCE;
      const segment = { datum, length, offset };
      offset += length;
      return segment;
    });
  // A hairline between neighbouring segments keeps them apart for colour-blind readers.
  const gap = segments.length > 1 ? 2 : 0;

  return (
    <figure className="chart chart--donut">
      <svg
        className="chart__donut"
        viewBox="0 0 200 200"
        role="img"
        aria-label={describeData(title, data)}
        data-testid="donut-chart"
      >
        <circle
          cx="100"
          cy="100"
          r={RADIUS}
          className="chart__donut-track"
          strokeWidth={STROKE}
          fill="none"
        />
        {segments.map(({ datum, length, offset: start }) => (
          <circle
            key={datum.key}
            cx="100"
            cy="100"
            r={RADIUS}
            fill="none"
            stroke={datum.color}
            strokeWidth={STROKE}
            strokeDasharray={`${String(Math.max(0, length - gap))} ${String(CIRCUMFERENCE)}`}
            strokeDashoffset={-start}
            transform="rotate(-90 100 100)"
          />
        ))}
        <text x="100" y="96" textAnchor="middle" className="chart__donut-total">
          {total}
        </text>
        <text x="100" y="120" textAnchor="middle" className="chart__donut-caption">
          {centerLabel}
        </text>
      </svg>
      <ul className="chart__legend" id={legendId} aria-hidden="true">
        {data.map((datum) => (
          <li key={datum.key}>
            <span className="chart__swatch" style={{ background: datum.color }} />
            <span className="chart__legend-label">{datum.label}</span>
            <span className="chart__legend-value">{datum.value}</span>
          </li>
        ))}
      </ul>
      <DataTable caption={title} data={data} unit={unit} />
    </figure>
  );
}
