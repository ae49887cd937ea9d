import type { ForecastWeek } from '../api/retention-api';
import '../../../ui/charts.css';

const weekFormatter = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "This week" for the first, then "w/c 19 Jan" (week commencing). */
export function weekLabel(week: ForecastWeek, index: number): string {
  if (index === 0) return 'This week';
  const date = new Date(`${week.weekStart}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? week.weekStart : `w/c ${weekFormatter.format(date)}`;
}

/** The same, in full words for screen readers. */
function spokenWeekLabel(week: ForecastWeek, index: number): string {
  if (index === 0) return 'This week, including any already overdue';
  const date = new Date(`${week.weekStart}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? week.weekStart : `Week starting ${weekFormatter.format(date)}`;
}

const WIDTH = 560;
const ROW = 30;
const BAR = 18;
const LABEL_WIDTH = 96;
const VALUE_WIDTH = 48;
const TOP = 6;

/**
 * Horizontal bars, one per week, so every week's label stays readable. The SVG is an image
 * whose name gives every number; a visually hidden table carries the same data.
 */
export function ForecastChart({ title, weeks }: { title: string; weeks: readonly ForecastWeek[] }) {
  const max = Math.max(1, ...weeks.map((week) => week.recordings));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = TOP * 2 + weeks.length * ROW;
  const description = `${title}: ${weeks
    .map((week, index) => `${spokenWeekLabel(week, index)}, ${String(week.recordings)}`)
    .join('; ')}.`;

  return (
    <figure className="chart forecast">
      <svg
        className="chart__svg"
        viewBox={`0 0 ${String(WIDTH)} ${String(height)}`}
        role="img"
        aria-label={description}
        data-testid="forecast-chart"
      >
        <line
          className="chart__axis"
          x1={LABEL_WIDTH}
          x2={LABEL_WIDTH}
          y1={TOP}
          y2={height - TOP}
          aria-hidden="true"
        />
        {weeks.map((week, index) => {
          const y = TOP + index * ROW + (ROW - BAR) / 2;
          const width = (week.recordings / max) * plot;
          return (
            <g key={week.weekStart}>
              <text
                className="chart__label"
                x={LABEL_WIDTH - 10}
                y={y + BAR / 2}
                dy="0.32em"
                textAnchor="end"
              >
                {weekLabel(week, index)}
              </text>
              {week.recordings > 0 ? (
                <rect
                  className={index === 0 ? 'forecast__bar forecast__bar--now' : 'forecast__bar'}
                  x={LABEL_WIDTH}
                  y={y}
                  width={Math.max(3, width)}
                  height={BAR}
                  rx={4}
                />
              ) : null}
              <text
                className={week.recordings > 0 ? 'chart__value' : 'chart__value forecast__zero'}
                x={LABEL_WIDTH + Math.max(3, width) + 8}
                y={y + BAR / 2}
                dy="0.32em"
              >
                {week.recordings}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Recordings due to expire</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, index) => (
              <tr key={week.weekStart}>
                <th scope="row">{spokenWeekLabel(week, index)}</th>
                <td>{week.recordings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
