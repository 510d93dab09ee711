// Parse an .ics file with Mozilla's ical.js (Thunderbird's parser) and print
// a plain JSON summary, so the Python tests can compare it with their own
// expectations and with vobject. Usage: node parse_ics.mjs FILE.ics
//
// ical.js ships no time-zone data of its own, so timed events are converted
// to UTC through the VTIMEZONE definitions found in the file itself: a wrong
// VTIMEZONE shows up as wrong UTC instants.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function valueString(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  return value.toString();
}

function timeInfo(time) {
  if (!time) return null;
  if (time.isDate) {
    return { date: time.toString(), tzid: null, utc: null, resolved: true };
  }
  const tzid = time.zone ? time.zone.tzid : null;
  // "floating" means the TZID did not resolve to a registered VTIMEZONE.
  const resolved = tzid !== null && tzid !== "floating";
  const utc = time.convertToZone(ICAL.Timezone.utcTimezone);
  return {
    date: null,
    local: time.toString(),
    tzid,
    utc: utc.toString().replace(/Z?$/, "Z"),
    resolved,
  };
}

function calendarProps(vcal) {
  const props = {};
  for (const prop of vcal.getAllProperties()) {
    props[prop.name] = {
      value: valueString(prop.getFirstValue()),
      type: prop.type,
    };
  }
  return props;
}

function observance(comp) {
  return {
    kind: comp.name,
    tzname: valueString(comp.getFirstPropertyValue("tzname")),
    tzoffsetfrom: valueString(comp.getFirstPropertyValue("tzoffsetfrom")),
    tzoffsetto: valueString(comp.getFirstPropertyValue("tzoffsetto")),
    rrule: valueString(comp.getFirstPropertyValue("rrule")),
    rdate_count: comp.getAllProperties("rdate").length,
  };
}

function eventInfo(vevent) {
  const categories = [];
  for (const prop of vevent.getAllProperties("categories")) {
    categories.push(...prop.getValues().map(String));
  }
  const get = (name) => valueString(vevent.getFirstPropertyValue(name));
  return {
    uid: get("uid"),
    summary: get("summary"),
    description: get("description"),
    location: get("location"),
    start: timeInfo(vevent.getFirstPropertyValue("dtstart")),
    end: timeInfo(vevent.getFirstPropertyValue("dtend")),
    sequence: vevent.getFirstPropertyValue("sequence"),
    transp: get("transp"),
    categories,
    status: get("status"),
    busystatus: get("x-microsoft-cdo-busystatus"),
    dtstamp: get("dtstamp"),
    last_modified: get("last-modified"),
  };
}

const path = process.argv[2];
if (!path) {
  console.error("usage: node parse_ics.mjs FILE.ics");
  process.exit(2);
}
const vcal = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));

ICAL.TimezoneService.reset();
const timezones = vcal.getAllSubcomponents("vtimezone").map((vtz) => {
  ICAL.TimezoneService.register(vtz);
  return {
    tzid: vtz.getFirstPropertyValue("tzid"),
    observances: vtz.getAllSubcomponents().map(observance),
  };
});

console.log(
  JSON.stringify({
    calendar: calendarProps(vcal),
    timezones,
    events: vcal.getAllSubcomponents("vevent").map(eventInfo),
  }),
);
