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
});
document.getElementById("signin").addEventListener("submit", () => {
  document.getElementById("csrf").value = csrfToken();
});
