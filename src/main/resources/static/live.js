import { api, me, header, grantOf, formatTime, element } from "/app.js";

const status = document.getElementById("status");
const table = document.getElementById("calls");
const listenState = document.getElementById("listen-state");
let person;
let tenant;
let socket = null;
let context = null;
let playAt = 0;
let received = 0; // seconds of audio received

const zone = () => grantOf(person, tenant).timeZone;

async function refresh() {
  try {
    const page = await api(`/v1/tenants/${encodeURIComponent(tenant)}/calls?state=Recording&limit=100`);
    const rows = page.calls.map((call) => element("tr", {},
      element("td", {}, element("a", { href: `/call?tenant=${encodeURIComponent(tenant)}&call=${encodeURIComponent(call.callId)}`,
        text: formatTime(call.connectTime || call.createdAt, zone()) })),
      element("td", { text: call.ani || "" }),
      element("td", { text: call.dnis || "" }),
      element("td", { text: call.agentName || call.agentId || "" }),
      element("td", {}, element("button", { type: "button", text: "Listen", "aria-label": `Listen to call ${call.callId}`,
        onclick: () => listen(call.callId) }))));
    table.tBodies[0].replaceChildren(...rows);
    table.hidden = rows.length === 0;
    status.textContent = rows.length ? `${rows.length} call${rows.length === 1 ? "" : "s"} recording now` : "No call is being recorded now.";
  } catch (e) {
    status.textContent = `The list could not be loaded: ${e.message}`;
  }
}

/** G.711 to linear, as ITU-T G.711 defines them. */
function ulaw(byte) {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return (u & 0x80 ? 0x84 - t : t - 0x84) / 32768;
}
function alaw(byte) {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = exponent === 0 ? t + 8 : (t + 0x108) << (exponent - 1);
  return (a & 0x80 ? t : -t) / 32768;
}

function play(format, bytes) {
  const width = format.codec === "L16" ? 2 : 1;
  const frames = Math.floor(bytes.byteLength / (width * format.channels));
  if (frames === 0) return;
  const view = new DataView(bytes);
  const buffer = context.createBuffer(format.channels, frames, format.sampleRate);
  for (let c = 0; c < format.channels; c++) {
    const out = buffer.getChannelData(c);
    for (let f = 0; f < frames; f++) {
      const at = (f * format.channels + c) * width;
      // L16 arrives as the stored WAV's samples: little-endian
      out[f] = width === 2 ? view.getInt16(at, true) / 32768
        : format.codec === "PCMU" ? ulaw(view.getUint8(at)) : alaw(view.getUint8(at));
    }
  }
  received += buffer.duration;
  playAt = Math.max(playAt, context.currentTime + 0.1);
  // a hold's silence arrives all at once when the call goes on: played, it would keep the listener that far behind
  if (playAt > context.currentTime + 1 && silent(buffer)) {
    showReceived();
    return;
  }
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start(playAt);
  playAt += buffer.duration;
  showReceived();
}

function silent(buffer) {
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    if (buffer.getChannelData(c).some((sample) => Math.abs(sample) > 0.001)) return false;
  }
  return true;
}

function showReceived() {
  listenState.textContent = `Listening to call ${socket.callId}: ${received.toFixed(1)} s received`;
  listenState.dataset.seconds = received.toFixed(1);
  listenState.dataset.behind = Math.max(0, playAt - context.currentTime).toFixed(1);
}

function stop() {
  if (socket) socket.close(1000);
  socket = null;
}

function listen(callId) {
  stop();
  context = context || new AudioContext();
  context.resume();
  received = 0;
  playAt = 0;
  let format = null;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${location.host}/v1/tenants/${encodeURIComponent(tenant)}/calls/${encodeURIComponent(callId)}/live`);
  ws.binaryType = "arraybuffer";
  ws.callId = callId;
  socket = ws;
  document.getElementById("listening").hidden = false;
  listenState.textContent = `Connecting to call ${callId}…`;
  ws.onmessage = (event) => {
    if (typeof event.data === "string") {
      const message = JSON.parse(event.data);
      if (message.type === "end") {
        listenState.textContent = `Call ${callId} ended (${message.state}).`;
      } else {
        format = message;
        // joined: a call on hold sends nothing, so "connecting" would be wrong until the call goes on
        listenState.textContent = `Listening to call ${callId}: waiting for audio`;
      }
    } else if (format) {
      play(format, event.data);
    }
  };
  ws.onclose = (event) => {
    if (socket === ws && event.code !== 1000) {
      listenState.textContent = event.code === 1013 ? "The connection could not keep up and was dropped."
        : `Listening ended (${event.code}).`;
    }
  };
}

document.getElementById("stop").addEventListener("click", () => {
  stop();
  listenState.textContent = "Stopped.";
});

person = await me();
tenant = grantOf(person, new URLSearchParams(location.search).get("tenant")).tenant;
header(person, tenant, (chosen) => { location.search = `?tenant=${encodeURIComponent(chosen)}`; });
refresh();
setInterval(refresh, 5000);
