import type { ResponseTime } from '../hooks/use-response-times';

const hours = (minutes: number) => {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h.toLocaleString('en-GB')} ${h === 1 ? 'hour' : 'hours'}`;
};

/**
 * "We aim to reply within 8.5 working hours": the first-response target in words. Business clocks
 * count working hours only; a 24/7 clock counts every hour.
 */
export function replyPromise(target: ResponseTime): string {
  const span = hours(target.firstResponseMinutes);
  return target.clock === 'business'
    ? `We aim to reply within ${span.replace(/ (hours?)$/, ' working $1')}.`
    : `We aim to reply within ${span}, day or night.`;
}
