import { csrfToken } from "/app.js";

const messages = {
  error: "Wrong username or password.",
  throttled: "Too many wrong passwords for this username from here: wait a few minutes and try again.",
  "signed-out": "You are signed out.",
};
const ssoMessages = {
  "local-account": "This name belongs to an account with a password here: sign in with the form.",
  "no-username": "The sign-on service did not say your username: ask your administrator.",
  unavailable: "The sign-on service cannot be reached now: try again in a moment.",
};
const query = new URLSearchParams(location.search);
function say(text, kind) {
  const message = document.getElementById("message");
  message.textContent = text;
  message.hidden = false;
  message.className = kind;
}
for (const [key, text] of Object.entries(messages)) {
  if (query.has(key)) {
    say(text, key === "signed-out" ? "note" : "error");
  }
}
if (query.has("sso-error")) {
  say(ssoMessages[query.get("sso-error")] || "Single sign-on did not sign you in: try again, or ask your administrator.",
    "error");
}
fetch("/v1/sign-in-options").then((r) => (r.ok ? r.json() : {})).then((options) => {
  if (options.singleSignOn) {
    document.getElementById("sso-link").href = options.singleSignOn;
    document.getElementById("sso").hidden = false;
  }
  if (options.firstRun) {
    document.getElementById("setup-zone").value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    document.getElementById("first-run").hidden = false;
    document.getElementById("signin").hidden = true; // no one to sign in yet; submitted once the first person exists
    document.getElementById("setup-token").focus();
  }
});

/** The admin API with the admin token (an Authorization header: no cookie, no CSRF token). */
async function asAdmin(token, method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let detail = response.statusText;
  try {
    detail = (await response.json()).detail || detail;
  } catch (ignored) { /* no JSON body */ }
  return { status: response.status, detail };
}

// first run: the tenant (unless it exists), then its first tenant admin, then sign in as them with the form
document.getElementById("setup").addEventListener("submit", async (event) => {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  const token = value("setup-token");
  const tenant = value("setup-tenant");
  const known = await asAdmin(token, "GET", `/v1/admin/tenants/${encodeURIComponent(tenant)}`);
  if (known.status === 429) {
    say("Too many wrong admin tokens from here: wait a few minutes and try again.", "error");
    return;
  }
  if (known.status === 401 || known.status === 403) {
    say("That is not the admin token.", "error");
    return;
  }
  if (known.status === 404) {
    const made = await asAdmin(token, "POST", "/v1/admin/tenants",
      { id: tenant, name: value("setup-tenant-name"), timeZone: value("setup-zone") });
    if (made.status !== 201) {
      say(`The tenant could not be made: ${made.detail}`, "error");
      return;
    }
  }
  const username = value("setup-username");
  const password = document.getElementById("setup-password").value;
  const person = await asAdmin(token, "POST", "/v1/admin/users",
    { username, password, grants: [{ tenant, role: "tenant-admin" }] });
  if (person.status !== 201) {
    say(`You could not be made: ${person.detail}`, "error");
    return;
  }
  document.getElementById("username").value = username;
  document.getElementById("password").value = password;
  document.getElementById("csrf").value = csrfToken();
  document.getElementById("signin").submit();
});
document.getElementById("signin").addEventListener("submit", () => {
  document.getElementById("csrf").value = csrfToken();
});
