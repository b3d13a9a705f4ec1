import { api, me, header, grantOf, formatTime, zonedToInstant, duration, element } from "/app.js";

const PAGE = 25;
const form = document.getElementById("search");
const results = document.getElementById("results");
const status = document.getElementById("status");
const previous = document.getElementById("previous");
const next = document.getElementById("next");
let person;
let tenant;
let cursors = []; // the cursor of each page shown so far, for "previous"

function zone() {
  return grantOf(person, tenant).timeZone;
}

function query(cursor) {
  const data = new FormData(form);
  const q = new URLSearchParams({ limit: PAGE });
  for (const name of ["ani", "dnis", "agentId", "direction"]) {
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

async function show(cursor) {
  status.textContent = "Searching…";
  try {
    const page = await api(`/v1/tenants/${encodeURIComponent(tenant)}/calls?${query(cursor)}`);
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
    previous.hidden = cursors.length <= 1;
    next.hidden = !page.nextCursor;
    next.dataset.cursor = page.nextCursor || "";
  } catch (e) {
    status.textContent = `The search failed: ${e.message}`;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  cursors = [null];
  show(null);
});
next.addEventListener("click", () => {
  cursors.push(next.dataset.cursor);
  show(next.dataset.cursor);
});
previous.addEventListener("click", () => {
  cursors.pop();
  show(cursors[cursors.length - 1]);
});

person = await me();
if (person.grants.length === 0) {
  status.textContent = "No tenant is granted to you yet: ask your administrator.";
  form.hidden = true;
} else {
  tenant = new URLSearchParams(location.search).get("tenant") || person.grants[0].tenant;
  tenant = grantOf(person, tenant).tenant;
  header(person, tenant, (chosen) => { location.search = `?tenant=${encodeURIComponent(chosen)}`; });
  document.getElementById("zone-note").textContent = `Times are in ${zone()}, the tenant's time zone.`;
  cursors = [null];
  show(null);
}
