// The check-in desk: every scan (camera, USB scanner or typed) goes into a queue kept in
// localStorage and is sent from there, so a short network drop loses nothing; the server
// recognises a resent scan by its id and keeps the earliest time of each person.
(() => {
  "use strict";
  const desk = document.getElementById("checkin-desk");
  if (!desk) return;
  const $ = (id) => document.getElementById(id);
  const msg = (name, values) => {
    let text = desk.dataset[name] || "";
    for (const [key, value] of Object.entries(values || {})) {
      text = text.replace(`%(${key})s`, String(value));
    }
    return text;
  };
  const storeKey = `yv-checkin-queue:${desk.dataset.event}`;
  const csrf = (() => {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  })();
  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || "[]");
    } catch (error) {
      return [];
    }
  };
  const save = (queue) => localStorage.setItem(storeKey, JSON.stringify(queue));
  const newId = () =>
    window.crypto && crypto.randomUUID
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  const place = $("checkin-place");
  // Times in the event's own zone, as the server writes them (10:02, not the device's zone).
  const clock = (iso) =>
    new Date(iso).toLocaleTimeString(document.documentElement.lang || undefined, {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: desk.dataset.zone || undefined,
    });
  // The API answers in the page's language, whatever the browser's own settings say.
  const language = document.documentElement.lang || "ko";

  const showQueue = (text) => {
    const box = $("checkin-queue");
    box.textContent = text || "";
    box.hidden = !text;
  };

  const show = (result) => {
    const box = $("checkin-result");
    box.hidden = false;
    box.className = `checkin-result checkin-${result.outcome}`;
    box.dataset.outcome = result.outcome;
    $("result-message").textContent = result.message;
    $("result-name").textContent = result.name || "";
    $("result-org").textContent = result.organisation || "";
    $("result-when").textContent = result.checked_in_at
      ? msg("msgAt", { time: clock(result.checked_in_at) }) +
        (result.checked_in_by ? ` · ${result.checked_in_by}` : "")
      : "";
    const photo = $("result-photo");
    photo.replaceChildren();
    if (result.photo) {
      const img = document.createElement("img");
      img.src = result.photo;
      img.alt = result.name || "";
      img.width = 96;
      img.height = 96;
      photo.appendChild(img);
    }
    photo.hidden = !result.photo;
    if (result.outcome === "admitted") {
      const list = $("checkin-recent");
      const empty = $("recent-empty");
      if (empty) empty.remove();
      const item = document.createElement("li");
      const when = document.createElement("span");
      when.className = "when";
      when.textContent = clock(result.checked_in_at);
      item.append(when, ` ${result.name}${result.organisation ? ` · ${result.organisation}` : ""}`);
      // At a session's door the list says which session, as the server-drawn rows do.
      const option = place && place.value ? place.selectedOptions[0] : null;
      if (option && option.dataset.title) {
        const where = document.createElement("span");
        where.className = "muted";
        where.textContent = `(${option.dataset.title})`;
        item.append(" ", where);
      }
      list.prepend(item);
      while (list.children.length > 10) list.lastElementChild.remove();
    }
  };

  let sending = false;
  const flush = async () => {
    const queue = load();
    if (sending || queue.length === 0) {
      if (queue.length === 0) showQueue("");
      return;
    }
    sending = true;
    // One request per place (entrance or session): the batch names where.
    const session = queue[0].session || null;
    const batch = queue.filter((s) => (s.session || null) === session).slice(0, 200);
    let response;
    try {
      response = await fetch(desk.dataset.batchUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": csrf,
          "Accept-Language": language,
        },
        body: JSON.stringify({
          session,
          scans: batch.map(({ code, client_scan_id, scanned_at, typed }) => ({
            code,
            client_scan_id,
            scanned_at,
            typed,
          })),
        }),
      });
    } catch (error) {
      response = null;
    }
    sending = false;
    if (!response || response.status >= 500 || response.status === 429) {
      showQueue(msg("msgOffline", { count: load().length }));
      return;
    }
    const sent = new Set(batch.map((s) => s.client_scan_id));
    save(load().filter((s) => !sent.has(s.client_scan_id)));
    if (!response.ok) {
      // Refused as a whole (signed out, no longer staff): keeping it would retry forever.
      let detail = msg("msgError");
      try {
        detail = (await response.json()).detail || detail;
      } catch (error) {
        /* keep the general message */
      }
      show({ outcome: "refused", message: detail });
    } else {
      const body = await response.json();
      for (const result of body.results) show(result);
      if (body.results.length > 1) showQueue(msg("msgSent", { count: body.results.length }));
      else showQueue("");
      refreshCounts();
    }
    if (load().length) flush();
  };

  const enqueue = (code, typed) => {
    const text = (code || "").trim();
    if (!text) return;
    const queue = load();
    queue.push({
      code: text,
      client_scan_id: newId(),
      scanned_at: new Date().toISOString(),
      typed,
      session: place && place.value ? Number(place.value) : null,
    });
    save(queue);
    showQueue(msg("msgSending"));
    flush();
  };

  const form = $("checkin-form");
  const input = $("checkin-code");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    enqueue(input.value, true);
    input.value = "";
    input.focus();
  });

  const setText = (id, value) => {
    const node = $(id);
    if (node) node.textContent = String(value);
  };
  const refreshCounts = async () => {
    try {
      const response = await fetch(desk.dataset.countsUrl, {
        credentials: "same-origin",
        headers: { "Accept-Language": language },
      });
      if (!response.ok) return;
      const counts = await response.json();
      setText("count-registered", counts.registered);
      setText("count-checked-in", counts.checked_in);
      setText("count-not-arrived", counts.not_arrived);
      setText("count-no-show", counts.no_show);
      $("figure-not-arrived").hidden = counts.ended;
      $("figure-no-show").hidden = !counts.ended;
      for (const s of counts.sessions) {
        const row = document.querySelector(`#session-counts li[data-session="${s.id}"]`);
        if (!row) continue;
        for (const key of ["registered", "checked_in", "not_arrived", "no_show"]) {
          const cell = row.querySelector(`[data-count="${key}"]`);
          if (cell) cell.textContent = String(s[key]);
        }
        const notArrived = row.querySelector('[data-figure="not_arrived"]');
        const noShow = row.querySelector('[data-figure="no_show"]');
        if (notArrived) notArrived.hidden = s.ended;
        if (noShow) noShow.hidden = !s.ended;
      }
    } catch (error) {
      /* offline: the next poll tries again */
    }
  };

  // Camera: frames drawn on a canvas and read by jsQR (served from this site).
  const toggle = $("camera-toggle");
  const video = $("camera-video");
  const canvas = $("camera-canvas");
  let stream = null;
  let last = { code: "", at: 0 };
  const stop = () => {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    $("camera-box").hidden = true;
  };
  const tick = () => {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA && window.jsQR) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR(frame.data, frame.width, frame.height, {
        inversionAttempts: "dontInvert",
      });
      const now = Date.now();
      // The same code in front of the camera is one scan, not one per frame.
      if (found && found.data && (found.data !== last.code || now - last.at > 4000)) {
        last = { code: found.data, at: now };
        enqueue(found.data, false);
      }
    }
    requestAnimationFrame(tick);
  };
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    toggle.hidden = false;
    toggle.addEventListener("click", async () => {
      if (stream) return stop();
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: "environment" },
          audio: false,
        });
      } catch (error) {
        show({ outcome: "refused", message: msg("msgCamera") });
        return;
      }
      video.srcObject = stream;
      $("camera-box").hidden = false;
      await video.play();
      requestAnimationFrame(tick);
    });
  }

  window.addEventListener("online", flush);
  setInterval(flush, 5000);
  setInterval(refreshCounts, 5000);
  if (load().length) {
    showQueue(msg("msgOffline", { count: load().length }));
    flush();
  }
})();
