import { api, me, header, grantOf, formatTime, duration, element } from "/app.js";

const params = new URLSearchParams(location.search);
const callId = params.get("call");
const status = document.getElementById("status");
const player = document.getElementById("player");
const SILENCE = 0.02; // peaks below this are silence
const POINTS = 800;
let person;
let tenant;
let peaks = null; // the waveform of the segment playing
let sentences = [];

const base = () => `/v1/tenants/${encodeURIComponent(tenant)}`;

function details(call, zone) {
  const rows = [
    ["Started", formatTime(call.connectTime, zone)], ["Ended", formatTime(call.disconnectTime, zone)],
    ["Direction", call.direction], ["Caller", call.ani], ["Called", call.dnis],
    ["Agent", [call.agentName, call.agentId].filter(Boolean).join(" · ")], ["Skill", call.skillName],
  ].filter(([, v]) => v);
  document.getElementById("details").replaceChildren(...rows.flatMap(([k, v]) =>
    [element("dt", { text: k }), element("dd", { text: v })]));
}

function timeline(call) {
  const total = call.recordings.reduce((sum, r) => sum + (r.durationMs || 0), 0) || 1;
  const items = call.recordings.map((r) => {
    const playable = r.state === "Success" || r.state === "Interrupted";
    const label = `Segment ${r.recordId}: ${duration(r.durationMs || 0)}${playable ? "" : ` (${r.state})`}`;
    const button = element("button", { type: "button", text: label, disabled: !playable,
      onclick: () => open(r, button) });
    const item = element("li", { style: `flex-grow:${Math.max(1, Math.round(100 * (r.durationMs || 0) / total))}` }, button);
    return item;
  });
  document.getElementById("timeline").replaceChildren(...items);
  const first = items.find((li) => !li.firstChild.disabled);
  if (first) first.firstChild.click();
}

async function open(recording, button) {
  document.querySelectorAll("#timeline button").forEach((b) => b.removeAttribute("aria-current"));
  button.setAttribute("aria-current", "true");
  document.getElementById("player-section").hidden = false;
  document.getElementById("player-title").textContent = `Segment ${recording.recordId}`;
  const audio = `${base()}/recordings/${encodeURIComponent(recording.id)}/audio`;
  player.src = audio;
  player.playbackRate = Number(document.getElementById("speed").value);
  document.getElementById("download").href = `${audio}?download=true`;
  peaks = null;
  drawLanes(recording.channels || 1);
  const [waveform, transcript] = await Promise.allSettled([
    api(`${base()}/recordings/${encodeURIComponent(recording.id)}/waveform?points=${POINTS}`),
    api(`${base()}/recordings/${encodeURIComponent(recording.id)}/transcript`),
  ]);
  if (waveform.status === "fulfilled") {
    peaks = waveform.value;
    drawLanes(peaks.channels);
  }
  showTranscript(transcript.status === "fulfilled" ? transcript.value.sentences : []);
}

function laneName(channel, channels) {
  if (channels === 2) return channel === 0 ? "Customer (left channel)" : "Agent (right channel)";
  return "Audio";
}

function drawLanes(channels) {
  const lanes = [];
  for (let c = 0; c < channels; c++) {
    // a slider for the keyboard and screen readers: arrows move 5 s, Home and End go to either end, Space plays
    const canvas = element("canvas", { height: 64, role: "slider", tabindex: 0, "aria-valuemin": 0,
      "aria-label": `Waveform: ${laneName(c, channels)}. Click, or use the arrow keys, to seek.`, "data-channel": c });
    canvas.addEventListener("click", (event) => {
      if (!player.duration) return;
      const box = canvas.getBoundingClientRect();
      player.currentTime = player.duration * ((event.clientX - box.left) / box.width);
      draw();
    });
    canvas.addEventListener("keydown", (event) => {
      if (!player.duration) return;
      const to = { ArrowLeft: player.currentTime - 5, ArrowDown: player.currentTime - 5, ArrowRight: player.currentTime + 5,
        ArrowUp: player.currentTime + 5, Home: 0, End: player.duration }[event.key];
      if (to !== undefined) {
        player.currentTime = Math.min(player.duration, Math.max(0, to));
        draw();
      } else if (event.key === " ") {
        if (player.paused) player.play(); else player.pause();
      } else {
        return;
      }
      event.preventDefault();
    });
    lanes.push(element("figure", { class: "lane" }, element("figcaption", { text: laneName(c, channels) }), canvas));
  }
  document.getElementById("waveforms").replaceChildren(...lanes);
  draw();
}

function draw() {
  const position = player.duration ? player.currentTime / player.duration : 0;
  document.querySelectorAll("#waveforms canvas").forEach((canvas) => {
    canvas.setAttribute("aria-valuemax", Math.round(player.duration || 0));
    canvas.setAttribute("aria-valuenow", Math.round(player.currentTime));
    canvas.setAttribute("aria-valuetext", `${duration(player.currentTime * 1000)} of ${duration((player.duration || 0) * 1000)}`);
    const width = canvas.clientWidth || 600;
    canvas.width = width;
    const height = canvas.height;
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, width, height);
    const channel = peaks ? peaks.peaks[Number(canvas.dataset.channel)] : null;
    if (channel) {
      for (let x = 0; x < width; x++) {
        const [min, max] = channel[Math.floor((x / width) * channel.length)];
        g.fillStyle = x / width <= position ? "#1f5fbf" : "#9aa9bf";
        const top = ((1 - max) / 2) * height;
        g.fillRect(x, top, 1, Math.max(1, ((max - min) / 2) * height));
      }
    }
    g.fillStyle = "#c0392b";
    g.fillRect(Math.floor(position * width), 0, 2, height);
  });
}

/** Sentence times are milliseconds from the segment's start, as CT-e1's recogniser sends them. */
function seconds(ms) {
  return Number(ms || 0) / 1000;
}

function showTranscript(list) {
  sentences = list;
  document.getElementById("transcript-section").hidden = list.length === 0;
  document.getElementById("transcript").replaceChildren(...list.map((s, i) =>
    element("li", { class: s.speaker, "data-index": i },
      element("button", { type: "button", onclick: () => { player.currentTime = seconds(s.startTime); draw(); } },
        element("span", { class: "speaker", text: `${s.speaker} ${duration(Number(s.startTime || 0))}` }),
        element("span", { text: s.text })))));
}

function follow() {
  const t = player.currentTime;
  let current = -1;
  sentences.forEach((s, i) => { if (seconds(s.startTime) <= t) current = i; });
  document.querySelectorAll("#transcript li").forEach((li) => {
    const on = Number(li.dataset.index) === current;
    if (on && !li.classList.contains("current")) li.scrollIntoView({ block: "nearest" });
    li.classList.toggle("current", on);
    if (on) li.setAttribute("aria-current", "true"); else li.removeAttribute("aria-current");
  });
}

/** While "skip silence" is on, a silent stretch of more than a second is jumped over. */
function skipSilence() {
  if (!document.getElementById("skip-silence").checked || !peaks || !player.duration || player.paused) return;
  const channels = peaks.peaks;
  const at = Math.floor((player.currentTime / player.duration) * POINTS);
  const silent = (i) => channels.every((ch) => Math.max(Math.abs(ch[i][0]), Math.abs(ch[i][1])) < SILENCE);
  let end = at;
  while (end < POINTS && silent(end)) end++;
  if ((end - at) * (player.duration / POINTS) > 1) {
    player.currentTime = Math.min(player.duration, (end / POINTS) * player.duration);
  }
}

player.addEventListener("timeupdate", () => { draw(); follow(); skipSilence(); });
player.addEventListener("loadedmetadata", draw);
document.getElementById("speed").addEventListener("change", (e) => { player.playbackRate = Number(e.target.value); });
window.addEventListener("resize", draw);

async function hold(canChange) {
  const section = document.getElementById("hold");
  let held = null;
  try {
    held = await api(`${base()}/calls/${encodeURIComponent(callId)}/hold`);
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  section.hidden = !held && !canChange;
  document.getElementById("hold-badge").hidden = !held;
  document.getElementById("hold-reason").textContent = held && held.reason ? held.reason : "";
  document.getElementById("hold-place").hidden = !canChange || !!held;
  document.getElementById("hold-release").hidden = !canChange || !held;
}

async function main() {
  person = await me();
  tenant = grantOf(person, params.get("tenant")).tenant;
  const zone = grantOf(person, tenant).timeZone;
  header(person, tenant, (chosen) => { location.href = `/?tenant=${encodeURIComponent(chosen)}`; });
  document.getElementById("back").href = `/?tenant=${encodeURIComponent(tenant)}`;
  let call;
  try {
    call = await api(`${base()}/calls/${encodeURIComponent(callId)}`);
  } catch (e) {
    status.textContent = e.status === 404 ? "No such call." : `The call could not be loaded: ${e.message}`;
    return;
  }
  document.getElementById("title").textContent = `Call ${call.callId}`;
  document.title = `Call ${call.callId} · CallVault`;
  details(call, zone);
  const canChange = grantOf(person, tenant).role === "tenant-admin";
  document.getElementById("hold-place").addEventListener("click", async () => {
    const reason = prompt("Reason for the legal hold");
    if (reason === null) return;
    await api(`${base()}/calls/${encodeURIComponent(callId)}/hold`, { method: "PUT",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ reason }) });
    hold(canChange);
  });
  document.getElementById("hold-release").addEventListener("click", async () => {
    await api(`${base()}/calls/${encodeURIComponent(callId)}/hold`, { method: "DELETE" });
    hold(canChange);
  });
  await hold(canChange);
  timeline(call);
}

main();
