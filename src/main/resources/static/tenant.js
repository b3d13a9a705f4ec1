import { api, me, header, grantOf, element } from "/app.js";

const status = document.getElementById("status");
const tbody = document.querySelector("#people tbody");
const retention = document.getElementById("retention");
const personForm = document.getElementById("person");
let person;
let tenant;

const base = () => `/v1/tenants/${encodeURIComponent(tenant)}`;

function say(text) {
  status.textContent = text;
}

async function loadRetention() {
  const setting = await api(`${base()}/retention`);
  retention.elements.mode.value = setting.retentionDays === null ? "forever" : "days";
  retention.elements.days.value = setting.retentionDays ?? "";
  retention.elements.days.disabled = setting.retentionDays === null;
}

function roleSelect(member) {
  const select = element("select", { "aria-label": `Role of ${member.username}`, disabled: member.singleSignOn || member.username === person.username },
    ...["listener", "auditor", "tenant-admin"].map((r) => new Option(r, r)));
  select.value = member.role;
  select.addEventListener("change", () => change(member.username, { role: select.value }));
  return select;
}

async function loadPeople() {
  const members = await api(`${base()}/people`);
  tbody.replaceChildren(...members.map((member) => {
    const fixed = member.singleSignOn || member.username === person.username;
    return element("tr", {},
      element("td", { text: member.username }),
      element("td", {}, roleSelect(member)),
      element("td", { text: member.singleSignOn ? "single sign-on" : "password" }),
      element("td", {}, fixed ? "" : element("button", {
        type: "button", text: "Remove", "aria-label": `Remove ${member.username} from this tenant`,
        onclick: () => remove(member.username),
      })));
  }));
}

async function change(username, body) {
  try {
    await api(`${base()}/people/${encodeURIComponent(username)}`, {
      method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    say(`${username} saved.`);
  } catch (e) {
    say(`${username} could not be saved: ${e.message}`);
  }
  await loadPeople();
}

async function remove(username) {
  if (!confirm(`Take ${username}'s role on this tenant away?`)) return;
  try {
    await api(`${base()}/people/${encodeURIComponent(username)}`, { method: "DELETE" });
    say(`${username} no longer has a role on this tenant.`);
  } catch (e) {
    say(`${username} could not be removed: ${e.message}`);
  }
  await loadPeople();
}

retention.elements.mode.addEventListener("change", () => {
  retention.elements.days.disabled = retention.elements.mode.value === "forever";
});

retention.addEventListener("submit", async (event) => {
  event.preventDefault();
  const days = retention.elements.mode.value === "forever" ? null : Number(retention.elements.days.value);
  try {
    await api(`${base()}/retention`, {
      method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ retentionDays: days }),
    });
    say(days === null ? "Recordings are kept forever." : `Recordings are kept for ${days} days.`);
  } catch (e) {
    say(`Retention could not be saved: ${e.message}`);
  }
  await loadRetention();
});

personForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(personForm);
  const body = { role: data.get("role") };
  if (data.get("password")) body.password = data.get("password");
  await change(data.get("username").trim(), body);
  personForm.elements.password.value = "";
});

person = await me();
tenant = grantOf(person, new URLSearchParams(location.search).get("tenant")).tenant;
header(person, tenant, (chosen) => { location.search = `?tenant=${encodeURIComponent(chosen)}`; });
document.getElementById("title").textContent = `Tenant: ${grantOf(person, tenant).name}`;
if (grantOf(person, tenant).role !== "tenant-admin") {
  say("Only a tenant admin manages this tenant.");
  document.querySelectorAll("section").forEach((s) => { s.hidden = true; });
} else {
  await Promise.all([loadRetention(), loadPeople()]);
}
