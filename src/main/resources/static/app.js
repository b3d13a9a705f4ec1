// Shared by the pages: the CSRF token, JSON calls to the native API, times in a tenant's zone.

export function csrfToken() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("XSRF-TOKEN="));
  return cookie ? decodeURIComponent(cookie.substring("XSRF-TOKEN=".length)) : "";
}

/** A call to the native API with the session cookie; a lost session goes back to the sign-in page. */
export async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  if (options.method && options.method !== "GET") {
    headers["X-CSRF-TOKEN"] = csrfToken();
  }
  const response = await fetch(path, { ...options, headers, credentials: "same-origin" });
  if (response.status === 401) {
    location.href = "/login";
    throw new Error("signed out");
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (ignored) { /* not JSON */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

export async function me() {
  return api("/v1/me");
}

/** The bar every page shows: the pages, the tenant chosen, who is signed in, sign-out. */
export function header(person, tenant, onTenant) {
  const role = grantOf(person, tenant).role;
  const query = `?tenant=${encodeURIComponent(tenant)}`;
  const select = element("select", { id: "tenant", onchange: () => onTenant(select.value) },
    ...person.grants.map((g) => new Option(`${g.name} (${g.role})`, g.tenant)));
  select.value = tenant;
  const links = [element("a", { href: `/${query}`, text: "Calls" }), element("a", { id: "nav-live", href: `/live${query}`, text: "Live" })];
  if (role !== "listener") {
    links.push(element("a", { id: "nav-access-log", href: `/access-log${query}`, text: "Access log" }));
  }
  if (role === "tenant-admin") {
    links.push(element("a", { id: "nav-tenant", href: `/tenant${query}`, text: "Tenant" }));
  }
  document.getElementById("bar").replaceChildren(
    element("a", { class: "brand", href: "/", text: "CallVault" }),
    element("nav", { class: "links", "aria-label": "Pages" }, ...links),
    element("label", { class: "tenant" }, "Tenant ", select),
    element("span", { class: "who", id: "who", text: person.username }),
    element("form", { method: "post", action: "/logout", class: "signout" },
      element("input", { type: "hidden", name: "_csrf", value: csrfToken() }),
      element("button", { type: "submit", text: "Sign out" })));
}

/**
 * Keyset pages with "previous" and "next" buttons below the page's content: load(cursor) shows a page and answers its
 * nextCursor. Returns the function that shows the first page.
 */
export function pager(load) {
  const previous = element("button", { type: "button", id: "previous", hidden: true, text: "Previous page" });
  const next = element("button", { type: "button", id: "next", hidden: true, text: "Next page" });
  document.querySelector("main").append(element("nav", { class: "pages", "aria-label": "Result pages" }, previous, next));
  let cursors = [null];
  const show = async (cursor) => {
    const nextCursor = await load(cursor);
    previous.hidden = cursors.length <= 1;
    next.hidden = !nextCursor;
    next.dataset.cursor = nextCursor || "";
  };
  next.addEventListener("click", () => {
    cursors.push(next.dataset.cursor);
    show(next.dataset.cursor);
  });
  previous.addEventListener("click", () => {
    cursors.pop();
    show(cursors[cursors.length - 1]);
  });
  return () => {
    cursors = [null];
    return show(null);
  };
}

export function grantOf(person, tenant) {
  return person.grants.find((g) => g.tenant === tenant) || person.grants[0];
}

/** An instant shown in the tenant's zone, as people read it. */
export function formatTime(instant, zone) {
  if (!instant) return "";
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).format(new Date(instant));
}

/** A <input type=datetime-local> value, read as a time in the tenant's zone, as an ISO instant. */
export function zonedToInstant(local, zone) {
  if (!local) return null;
  const [date, time] = local.split("T");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let instant = asUtc - offsetAt(asUtc, zone);
  instant = asUtc - offsetAt(instant, zone); // once more, for a time near a change of offset
  return new Date(instant).toISOString();
}

function offsetAt(epochMs, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
    hour: "numeric", minute: "numeric", second: "numeric",
  }).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

export function duration(ms) {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

export function element(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.substring(2), v);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children);
  return e;
}
