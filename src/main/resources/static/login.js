import { csrfToken } from "/app.js";

const messages = {
  error: "Wrong username or password.",
  throttled: "Too many wrong passwords for this username from here: wait a few minutes and try again.",
  "signed-out": "You are signed out.",
};
const query = new URLSearchParams(location.search);
for (const [key, text] of Object.entries(messages)) {
  if (query.has(key)) {
    const message = document.getElementById("message");
    message.textContent = text;
    message.hidden = false;
    message.className = key === "signed-out" ? "note" : "error";
  }
}
document.getElementById("signin").addEventListener("submit", () => {
  document.getElementById("csrf").value = csrfToken();
});
