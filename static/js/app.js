// Small progressive enhancements; every page works without JavaScript.
// A table wider than the screen scrolls inside a wrapper, never the page.
const wrapTables = (root) => {
  root.querySelectorAll("main table").forEach((table) => {
    if (table.parentElement.classList.contains("table-scroll")) return;
    const box = document.createElement("div");
    box.className = "table-scroll";
    table.replaceWith(box);
    box.appendChild(table);
  });
};
document.addEventListener("htmx:afterSwap", (event) => wrapTables(event.target));

// The directory's filter boxes search as soon as one is ticked. The strict content security
// policy forbids htmx's evaluated trigger filters, so this tells the form instead; typing in the
// search box and clicking elsewhere does not search (only Enter or the button does).
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
  const form = box.closest("form[hx-trigger~='facets-changed']");
  if (form && window.htmx) window.htmx.trigger(form, "facets-changed");
});

document.addEventListener("DOMContentLoaded", () => {
  wrapTables(document);
  // Phones: the menu button opens and closes the header's links; Escape closes them.
  const header = document.querySelector(".site-header");
  const toggle = header && header.querySelector(".menu-toggle");
  if (toggle) {
    const setOpen = (open) => {
      header.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", String(open));
    };
    toggle.addEventListener("click", () => setOpen(!header.classList.contains("open")));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && header.classList.contains("open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }
  // On phones the filter panel starts folded so results come first.
  if (window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.facet-panel").forEach((d) => d.removeAttribute("open"));
  }
  // A call's deadline ticks down to the second (the server's sentence stays as it is).
  document.querySelectorAll(".countdown[data-deadline]").forEach((box) => {
    const deadline = Date.parse(box.dataset.deadline);
    const out = box.querySelector(".js-countdown");
    if (!out || Number.isNaN(deadline)) return;
    const pad = (n) => String(n).padStart(2, "0");
    const tick = () => {
      const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
      const d = Math.floor(left / 86400);
      const h = Math.floor((left % 86400) / 3600);
      const days = document.documentElement.lang === "ko" ? `${d}일` : `${d}d`;
      out.textContent = `(${days} ${pad(h)}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)})`;
    };
    tick();
    setInterval(tick, 1000);
  });
});
