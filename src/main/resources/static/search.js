import { api, me, header, grantOf, formatTime, zonedToInstant, duration, element, pager } from "/app.js";

const PAGE = 25;
const form = document.getElementById("search");
const results = document.getElementById("results");
const status = document.getElementById("status");
let person;
let tenant;

const zone = () => grantOf(person, tenant).timeZone;

function query(cursor) {
  const data = new FormData(form);
  const q = new URLSearchParams({ limit: PAGE });
  for (const name of ["ani", "dnis", "agentId", "direction", "state", "transcript", "order"]) {
    const value = (data.get(name) || "").trim();
    if (value) q.set(name, value);
  }
  for (const name of ["from", "to"]) {
    const value = zonedToInstant(data.get(name), zone());
    if (value) q.set(name, value);
  }
  if (cursor) q.set("cursor", cursor);
  return q;
}

const search = pager(async (cursor) => {
  status.textContent = "Searching…";
  try {
    const page = await api(`/v1/tenants/${encodeURIComponent(tenant)}/calls?${query(cursor)}`);
    document.getElementById("results-caption").textContent =
      `Calls found, ${form.elements.order.value === "oldest" ? "oldest" : "newest"} first`;
    const rows = page.calls.map((call) => {
      const length = call.recordings.reduce((sum, r) => sum + (r.durationMs || 0), 0);
      const link = element("a", { href: `/call?tenant=${encodeURIComponent(tenant)}&call=${encodeURIComponent(call.callId)}`,
        text: formatTime(call.connectTime || call.createdAt, zone()) });
      return element("tr", {},
        element("td", {}, link),
        element("td", { text: call.direction || "" }),
        element("td", { text: call.ani || "" }),
        element("td", { text: call.dnis || "" }),
        element("td", { text: call.agentName || call.agentId || "" }),
        element("td", { text: duration(length) }),
        element("td", { text: call.recordings.some((r) => r.state === "Recording") ? "recording now" : String(call.recordings.length) }));
    });
    results.tBodies[0].replaceChildren(...rows);
    results.hidden = rows.length === 0;
    status.textContent = rows.length ? `${rows.length} call${rows.length === 1 ? "" : "s"} on this page` : "No call matches.";
    return page.nextCursor;
  } catch (e) {
    status.textContent = `The search failed: ${e.message}`;
    return null;
  }
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});

person = await me();
if (person.grants.length === 0) {
  status.textContent = "No tenant is granted to you yet: ask your administrator.";
  form.hidden = true;
} else {
  tenant = grantOf(person, new URLSearchParams(location.search).get("tenant")).tenant;
  header(person, tenant, (chosen) => { location.search = `?tenant=${encodeURIComponent(chosen)}`; });
  document.getElementById("zone-note").textContent = `Times are in ${zone()}, the tenant's time zone.`;
  search();
}
