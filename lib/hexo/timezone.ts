import type { Feature } from './plugin';

/**
 * Makes dates, archives and feeds follow `timezone` whatever the machine's clock zone is.
 * Hexo converts front-matter dates to the right instant but then files them by the process's
 * local calendar day, so on a UTC runner `2020-01-01 07:00` JST lands under 2019/12/31.
 */
const timezone: Feature = {
  name: 'timezone',
  register(hexo) {
    const zone: unknown = hexo.config.timezone;
    if (!zone) return;
    if (typeof zone !== 'string') throw new Error(`timezone must be a string such as Asia/Tokyo, got ${JSON.stringify(zone)}`);
    // Throws RangeError for a zone name the runtime does not know.
    new Intl.DateTimeFormat('en', { timeZone: zone });
    process.env.TZ = zone;
  },
};

export default timezone;
