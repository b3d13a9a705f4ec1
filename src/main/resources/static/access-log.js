import { api, me, header, grantOf, formatTime, zonedToInstant, element, pager } from "/app.js";

const PAGE = 50;
const form = document.getElementById("filters");
const table = document.getElementById("entries");
const status = document.getElementById("status");
let person;
let tenant;

const zone = () => grantOf(person, tenant).timeZone;
const base = () => `/v1/tenants/${encodeURIComponent(tenant)}`;

function filters() {
  const data = new FormData(form);
  const q = new URLSearchParams();
  for (const name of ["client", "call", "kind"]) {
    const value = (data.get(name) || "").trim();
    if (value) q.set(name, value);
  }
  for (const name of ["from", "to"]) {
    const value = zonedToInstant(data.get(name), zone());
    if (value) q.set(name, value);
  }
  return q;
}

function bytes(entry) {
  if (entry.rangeStart === null || entry.rangeStart === undefined) return `${entry.bytes}`;
  return `${entry.bytes} (bytes ${entry.rangeStart}-${entry.rangeEnd})`;
}

const show = pager(async (cursor) => {
  const q = filters();
  document.getElementById("export").href = `${base()}/access-log.csv?${q}`;
  q.set("limit", PAGE);
  if (cursor) q.set("cursor", cursor);
  status.textContent = "Loading…";
  try {
    const page = await api(`${base()}/access-log?${q}`);
    const rows = page.entries.map((e) => element("tr", {},
      element("td", { text: formatTime(e.at, zone()) }),
      element("td", { text: e.clientId }),
      element("td", { text: e.kind }),
      element("td", {}, element("a", { href: `/call?tenant=${encodeURIComponent(tenant)}&call=${encodeURIComponent(e.callId)}`,
        text: e.callId })),
      element("td", { text: bytes(e) }),
      element("td", { text: e.remoteAddress || "" }),
      element("td", { text: e.reason || "" })));
    table.tBodies[0].replaceChildren(...rows);
    table.hidden = rows.length === 0;
    status.textContent = rows.length ? `${rows.length} entr${rows.length === 1 ? "y" : "ies"} on this page` : "Nothing matches.";
    return page.nextCursor;
  } catch (e) {
    status.textContent = e.status === 403 ? "Your role on this tenant does not include the access log."
      : `The access log could not be read: ${e.message}`;
    return null;
  }
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  show();
});

person = await me();
tenant = grantOf(person, new URLSearchParams(location.search).get("tenant")).tenant;
header(person, tenant, (chosen) => { location.search = `?tenant=${encodeURIComponent(chosen)}`; });
document.getElementById("zone-note").textContent = `Times are in ${zone()}, the tenant's time zone.`;
show();
